package io.convro.adapter.http.web;

import io.convro.domain.DomainException;
import io.convro.domain.ErrorCode;
import io.javalin.http.Context;

/**
 * The contract's body limits: 64 KiB per request, 128 KiB for {@code /v1/dm/messages/send}. Checked twice:
 * against {@code Content-Length} before anything runs, and while reading (a chunked body has no length).
 */
public final class BodyLimit {
    public static final int DEFAULT_BYTES = 64 * 1024;
    public static final int SEND_MESSAGE_BYTES = 128 * 1024;
    static final String SEND_MESSAGE_PATH = "/v1/dm/messages/send";

    private BodyLimit() {
    }

    public static int bytesFor(String path) {
        return SEND_MESSAGE_PATH.equals(path) ? SEND_MESSAGE_BYTES : DEFAULT_BYTES;
    }

    /** Before-handler: reject a declared length over the limit without reading a byte. */
    public static void checkDeclaredLength(Context ctx) {
        long declared = ctx.req().getContentLengthLong();
        if (declared > bytesFor(ctx.path())) {
            throw tooLarge(ctx.path());
        }
    }

    static DomainException tooLarge(String path) {
        return new DomainException(ErrorCode.PAYLOAD_TOO_LARGE, "request body must be at most " + bytesFor(path) / 1024 + " KiB");
    }
}
