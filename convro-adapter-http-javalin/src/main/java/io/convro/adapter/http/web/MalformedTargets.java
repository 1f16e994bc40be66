package io.convro.adapter.http.web;

import io.convro.adapter.http.chain.ApiAnswer;

/**
 * What Jetty lets through of a malformed request target and the one public port refuses: a {@code %} not
 * followed by two hex digits in the query (Jetty decodes the query only when a route reads it), and a control
 * character, {@code %00} included, or a {@code .} or {@code ..} segment in the path (Jetty resolves one that stays
 * inside the root, and the route then sees the unresolved path). Answered {@code 400 BAD_REQUEST} and the connection closed, as the
 * public port and {@link JsonErrorHandler} answer the rest, so that both modes refuse the same requests alike.
 */
public final class MalformedTargets {
    private final ApiAnswer badRequest;

    public MalformedTargets(ErrorMapper errors) {
        this.badRequest = errors.forStatus(400).with("Connection", "close");
    }

    /**
     * Ahead of every other check: the answer to a malformed target ({@code path} as sent, {@code query} as sent or
     * {@code null}), else {@code null}.
     */
    public ApiAnswer check(String path, String query) {
        if (isMalformed(path, true) || hasDotSegment(path) || isMalformed(query, false)) {
            return badRequest;
        }
        return null;
    }

    static boolean hasDotSegment(String rawPath) {
        if (rawPath == null || (!rawPath.contains("/.") && !rawPath.contains("%2"))) {
            return false;
        }
        for (String segment : rawPath.replace("%2e", ".").replace("%2E", ".").split("/", -1)) {
            if (segment.equals(".") || segment.equals("..")) {
                return true;
            }
        }
        return false;
    }

    /** A broken escape; in a path also a control character, raw or escaped. */
    static boolean isMalformed(String raw, boolean path) {
        if (raw == null) {
            return false;
        }
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (path && (c < 0x20 || c == 0x7f)) {
                return true;
            }
            if (c == '%') {
                if (i + 2 >= raw.length() || Character.digit(raw.charAt(i + 1), 16) < 0
                        || Character.digit(raw.charAt(i + 2), 16) < 0) {
                    return true;
                }
                int value = Integer.parseInt(raw, i + 1, i + 3, 16);
                if (path && (value < 0x20 || value == 0x7f)) {
                    return true;
                }
            }
        }
        return false;
    }
}
