package io.convro.adapter.http.web;

import io.convro.adapter.http.JsonAnswer;
import io.javalin.http.Context;

/**
 * What Jetty lets through of a malformed request target and the one public port's relay refuses: a {@code %} not
 * followed by two hex digits in the query (Jetty decodes the query only when a route reads it), and a control
 * character, {@code %00} included, or a {@code .} or {@code ..} segment in the path (Jetty resolves one that stays
 * inside the root, and the route then sees the unresolved path). Answered {@code 400 BAD_REQUEST} and the connection closed, as the
 * relay and {@link JsonErrorHandler} answer the rest, so that both modes refuse the same requests alike.
 */
public final class MalformedTargets {
    private final JsonAnswer badRequest;

    public MalformedTargets(ErrorMapper errors) {
        this.badRequest = errors.forStatus(400);
    }

    /** Before-handler, ahead of every other. */
    public void check(Context ctx) {
        String path = ctx.req().getRequestURI();
        if (isMalformed(path, true) || hasDotSegment(path) || isMalformed(ctx.req().getQueryString(), false)) {
            ctx.status(badRequest.status()).contentType("application/json").result(badRequest.body());
            ctx.header("Connection", "close");
            ctx.skipRemainingHandlers();
        }
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
