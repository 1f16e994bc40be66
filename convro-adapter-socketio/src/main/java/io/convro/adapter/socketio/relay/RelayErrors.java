package io.convro.adapter.socketio.relay;

import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.AsciiString;

/** The few answers the relay gives itself, in the API's error shape {@code {"error","message"}}. */
final class RelayErrors {
    private static final AsciiString NOSNIFF = AsciiString.cached("X-Content-Type-Options");
    private static final AsciiString NOSNIFF_VALUE = AsciiString.cached("nosniff");
    private static final AsciiString FRAME_OPTIONS = AsciiString.cached("X-Frame-Options");
    private static final AsciiString DENY = AsciiString.cached("DENY");
    private static final AsciiString REFERRER_POLICY = AsciiString.cached("Referrer-Policy");
    private static final AsciiString NO_REFERRER = AsciiString.cached("no-referrer");
    /** Every 503 of the contract carries Retry-After; the REST side's default for an outage is the same. */
    static final String UNAVAILABLE_RETRY_AFTER_SECONDS = "2";

    private RelayErrors() {
    }

    static FullHttpResponse backendUnavailable(ByteBufAllocator alloc, boolean keepAlive) {
        FullHttpResponse response = json(alloc, HttpResponseStatus.SERVICE_UNAVAILABLE, "SERVICE_UNAVAILABLE",
                "The service is temporarily unavailable, try again later", keepAlive);
        response.headers().set(HttpHeaderNames.RETRY_AFTER, UNAVAILABLE_RETRY_AFTER_SECONDS);
        return response;
    }

    static FullHttpResponse malformedRequest(ByteBufAllocator alloc, boolean tooLarge) {
        return tooLarge
                ? json(alloc, HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, "PAYLOAD_TOO_LARGE",
                        "Request line or headers too large", false)
                : json(alloc, HttpResponseStatus.BAD_REQUEST, "BAD_REQUEST", "Malformed HTTP request", false);
    }

    /** The body did not arrive within its deadline; always closes. */
    static FullHttpResponse requestTimeout(ByteBufAllocator alloc) {
        return json(alloc, HttpResponseStatus.REQUEST_TIMEOUT, "REQUEST_TIMEOUT",
                "the request body did not arrive in time", false);
    }

    /** Always closes: the rest of the body is not read. */
    static FullHttpResponse payloadTooLarge(ByteBufAllocator alloc, long limitBytes) {
        return json(alloc, HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, "PAYLOAD_TOO_LARGE",
                "request body must be at most " + limitBytes / 1024 + " KiB", false);
    }

    /** Messages are constants: nothing from the request is echoed back or needs escaping. */
    private static FullHttpResponse json(ByteBufAllocator alloc, HttpResponseStatus status, String code,
                                         String message, boolean keepAlive) {
        String body = "{\"error\":\"" + code + "\",\"message\":\"" + message + "\"}";
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
                ByteBufUtil.writeUtf8(alloc, body));
        response.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON)
                .setInt(HttpHeaderNames.CONTENT_LENGTH, response.content().readableBytes());
        secure(response);
        if (!keepAlive) {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        }
        return response;
    }

    /** The headers the REST side puts on every answer (its SecurityHeaders), on the relay's own answers too. */
    static void secure(FullHttpResponse response) {
        response.headers().set(NOSNIFF, NOSNIFF_VALUE).set(FRAME_OPTIONS, DENY).set(REFERRER_POLICY, NO_REFERRER);
    }
}
