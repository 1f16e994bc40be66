package io.convro.adapter.socketio;

import com.corundumstudio.socketio.handler.ClientHead;
import com.corundumstudio.socketio.listener.DefaultExceptionListener;
import com.fasterxml.jackson.core.JsonProcessingException;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.nio.charset.StandardCharsets;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * netty-socketio's exception listener for what reaches a channel's pipeline:
 * <ul>
 *   <li>a connection the peer reset or abandoned ("Connection reset by peer", "Broken pipe": an {@link IOException}
 *       of the socket) is logged at debug: a client going away is ordinary;</li>
 *   <li>anything else came from what a client sent (a frame that is not Socket.IO, a URI that does not decode): the
 *       socket behind it and the connection are closed, and it is logged through {@link ClientInputLog}: summarised,
 *       without its message (which can quote the input, a token included) and without a stack trace per frame.</li>
 * </ul>
 */
final class QuietPeerResets extends DefaultExceptionListener {
    private static final Logger LOG = LoggerFactory.getLogger(QuietPeerResets.class);
    private static final String BAD_REQUEST_BODY = "{\"error\":\"BAD_REQUEST\",\"message\":\"Malformed HTTP request\"}";

    @Override
    public boolean exceptionCaught(ChannelHandlerContext ctx, Throwable cause) throws Exception {
        if (isPeerGone(cause)) {
            LOG.debug("connection {} closed by the peer: {}", ctx.channel().remoteAddress(), cause.getClass().getSimpleName());
            return true;
        }
        ClientInputLog.report(ClientInputLog.kindOf(cause), "socket and connection closed");
        ClientHead client = ctx.channel().attr(AdmissionGate.LAST_CLIENT).getAndSet(null);
        if (client == null) {
            client = ctx.channel().attr(ClientHead.CLIENT).get();
        }
        if (client != null) {
            client.disconnect();
        }
        if (isUndecodableUri(cause)) {
            // a request whose URI does not decode (two-port mode: no public port in front) is told so before the close; on a
            // websocket channel there is no HTTP encoder left, the write fails and the close follows all the same
            ctx.channel().writeAndFlush(badRequest()).addListener(ChannelFutureListener.CLOSE);
            return true;
        }
        ctx.channel().close();
        return true;
    }

    /** netty's URI decoder threw: the request's target has a bad escape. */
    private static boolean isUndecodableUri(Throwable cause) {
        if (!(cause instanceof IllegalArgumentException)) {
            return false;
        }
        for (StackTraceElement frame : cause.getStackTrace()) {
            if (frame.getClassName().equals(QueryStringDecoder.class.getName())) {
                return true;
            }
        }
        return false;
    }

    private static FullHttpResponse badRequest() {
        byte[] body = BAD_REQUEST_BODY.getBytes(StandardCharsets.US_ASCII);
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.BAD_REQUEST,
                Unpooled.wrappedBuffer(body));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON)
                .setInt(HttpHeaderNames.CONTENT_LENGTH, body.length)
                .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE)
                .set("X-Content-Type-Options", "nosniff").set("X-Frame-Options", "DENY").set("Referrer-Policy", "no-referrer");
        return response;
    }

    /** An I/O failure of the socket itself, not a decoding failure wrapped as one (netty-socketio wraps Jackson's). */
    private static boolean isPeerGone(Throwable cause) {
        return cause instanceof IOException && !(cause instanceof JsonProcessingException) && cause.getCause() == null;
    }
}
