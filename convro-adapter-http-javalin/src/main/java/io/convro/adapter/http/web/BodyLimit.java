package io.convro.adapter.http.web;

import io.convro.domain.DomainException;
import io.convro.domain.ErrorCode;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;

/**
 * The contract's body limits: 64 KiB per request, 128 KiB for {@code /v1/dm/messages/send}, 2 MiB for
 * {@code /v1/dm/messages/fanout} (up to 20 ciphertexts of 64 KiB, base64). Checked twice:
 * against {@code Content-Length} before anything runs, and while reading (a chunked body has no length).
 */
public final class BodyLimit {
    public static final int DEFAULT_BYTES = 64 * 1024;
    public static final int SEND_MESSAGE_BYTES = 128 * 1024;
    static final String SEND_MESSAGE_PATH = "/v1/dm/messages/send";
    public static final int FANOUT_BYTES = 2 * 1024 * 1024;
    static final String FANOUT_PATH = "/v1/dm/messages/fanout";

    private BodyLimit() {
    }

    /** {@code /v1/groups/{groupId}/messages} takes a message as large as {@code /send}'s (API.md §0). */
    static final String GROUPS_PREFIX = "/v1/groups/";
    static final String GROUP_MESSAGES_SUFFIX = "/messages";

    public static int bytesFor(String path) {
        if (SEND_MESSAGE_PATH.equals(path) || isGroupMessages(path)) {
            return SEND_MESSAGE_BYTES;
        }
        return FANOUT_PATH.equals(path) ? FANOUT_BYTES : DEFAULT_BYTES;
    }

    private static boolean isGroupMessages(String path) {
        return path != null && path.startsWith(GROUPS_PREFIX) && path.endsWith(GROUP_MESSAGES_SUFFIX)
                && path.indexOf('/', GROUPS_PREFIX.length()) == path.length() - GROUP_MESSAGES_SUFFIX.length();
    }

    /** How much of an oversized body is read and dropped so the client, still sending, sees the 413. */
    static final long DRAIN_LIMIT_BYTES = 4L * 1024 * 1024;

    /**
     * Before-handler: reject a declared length over the limit before parsing anything. A body of moderate size
     * is drained first: closing a connection while the client is still sending makes its TCP stack drop our
     * answer, and a client should learn {@code PAYLOAD_TOO_LARGE}, not "connection reset".
     */
    public static void checkDeclaredLength(Context ctx) {
        long declared = ctx.req().getContentLengthLong();
        if (declared > bytesFor(ctx.path())) {
            if (declared <= DRAIN_LIMIT_BYTES) {
                drain(ctx);
            }
            throw tooLarge(ctx.path());
        }
        if (declared < 0 && !"POST".equals(ctx.req().getMethod()) && ctx.header("Transfer-Encoding") != null) {
            skipBounded(ctx);
        }
    }

    /**
     * A streamed body on a route that reads none (GET, DELETE): read and dropped here, so that it answers 413
     * past the limit exactly as a route that reads its body does, and not whatever the route would have said.
     */
    private static void skipBounded(Context ctx) {
        int limit = bytesFor(ctx.path());
        byte[] buffer = new byte[16 * 1024];
        long total = 0;
        try {
            InputStream in = ctx.req().getInputStream();
            int read;
            while ((read = in.read(buffer)) >= 0) {
                total += read;
                if (total > limit) {
                    drain(in, total);
                    throw tooLarge(ctx.path());
                }
            }
        } catch (IOException clientGone) {
            // nothing left to answer; the route's answer goes nowhere
        }
    }

    private static void drain(Context ctx) {
        try (InputStream in = ctx.req().getInputStream()) {
            drain(in, 0);
        } catch (IOException ignored) {
            // the client went away: nothing left to answer
        }
    }

    /** Read and drop the rest of a body, up to {@link #DRAIN_LIMIT_BYTES} in all ({@code alreadyRead} counted). */
    static void drain(InputStream in, long alreadyRead) {
        byte[] buffer = new byte[16 * 1024];
        long total = alreadyRead;
        try {
            int read;
            while (total <= DRAIN_LIMIT_BYTES && (read = in.read(buffer)) >= 0) {
                total += read;
            }
        } catch (IOException ignored) {
            // the client went away: nothing left to answer
        }
    }

    static DomainException tooLarge(String path) {
        return new DomainException(ErrorCode.PAYLOAD_TOO_LARGE, "request body must be at most " + bytesFor(path) / 1024 + " KiB");
    }
}
