package io.convro.edge;

import io.netty.channel.ChannelFuture;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;

/**
 * Requests whose body is over the limit of their path: the port answers {@code 413 PAYLOAD_TOO_LARGE} itself (in the
 * API's words), with {@code Connection: close}. A body of moderate size is read and dropped before the connection
 * closes: closing while the client is still sending makes its TCP stack discard our answer (a reset), and a client
 * should learn {@code PAYLOAD_TOO_LARGE}, not "connection reset". Nothing of it is kept.
 */
final class OversizedBodies {
    /** How many body bytes in all are read and dropped after the answer before the connection is closed anyway. */
    static final long DRAIN_LIMIT_BYTES = 4L * 1024 * 1024;

    private final PublicConnection connection;

    OversizedBodies(PublicConnection connection) {
        this.connection = connection;
    }

    /**
     * Answer 413 for the current exchange. {@code request} is its head when the declared length was too much
     * (nothing was read of the body), {@code null} when the streamed body went past the limit.
     */
    void reject(Exchange ex, HttpRequest request, String path) {
        ex.rejected = true;
        ex.responseStarted = true;
        ex.responseDone = true;
        ex.rejection = connection.responses().writeAndFlush(WireAnswers.refusal(connection.rest(), 413, path));
        boolean drainable = request == null
                ? ex.bodyBytes <= DRAIN_LIMIT_BYTES
                : HttpUtil.getContentLength(request, -1L) <= DRAIN_LIMIT_BYTES && !HttpUtil.is100ContinueExpected(request);
        if (!drainable || ex.requestDone) {
            connection.closeWhenWritten(ex.rejection);
        }
    }

    /** A chunk of a rejected body: dropped; the connection closes at its end or past the drain limit. */
    void drain(Exchange ex, HttpContent content) {
        ex.bodyBytes += content.content().readableBytes();
        boolean last = content instanceof LastHttpContent;
        content.release();
        if (connection.isClosing()) {
            return;
        }
        if (last || ex.bodyBytes > DRAIN_LIMIT_BYTES) {
            ChannelFuture written = ex.rejection;
            connection.closeWhenWritten(written);
        }
    }
}
