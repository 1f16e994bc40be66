package io.convro.adapter.http.web;

import io.convro.domain.DomainException;
import io.convro.domain.ErrorCode;
import java.io.IOException;
import java.io.InputStream;

/**
 * The contract's body limits: 64 KiB per request, 128 KiB for {@code /v1/dm/messages/send}, 2 MiB for
 * {@code /v1/dm/messages/fanout} (up to 20 ciphertexts of 64 KiB, base64). A rule of the path alone, because it is
 * applied before any routing: by the one public port and by {@link WholeBodies} while they gather a body, by
 * the chain against {@code Content-Length}, and while a route reads its body (a chunked body has no length).
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
    public static final long DRAIN_LIMIT_BYTES = 4L * 1024 * 1024;

    /** Read and drop the rest of a body, up to {@link #DRAIN_LIMIT_BYTES} in all ({@code alreadyRead} counted). */
    public static void drain(InputStream in, long alreadyRead) {
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

    public static DomainException tooLarge(String path) {
        return tooLarge(bytesFor(path));
    }

    /** The rejection of a body over {@code limit} bytes. */
    public static DomainException tooLarge(int limit) {
        return new DomainException(ErrorCode.PAYLOAD_TOO_LARGE, "request body must be at most " + limit / 1024 + " KiB");
    }
}
