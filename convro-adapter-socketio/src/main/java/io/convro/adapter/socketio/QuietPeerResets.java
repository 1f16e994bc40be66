package io.convro.adapter.socketio;

import com.corundumstudio.socketio.handler.ClientHead;
import com.corundumstudio.socketio.listener.DefaultExceptionListener;
import com.fasterxml.jackson.core.JsonProcessingException;
import io.netty.channel.ChannelHandlerContext;
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
        ctx.channel().close();
        return true;
    }

    /** An I/O failure of the socket itself, not a decoding failure wrapped as one (netty-socketio wraps Jackson's). */
    private static boolean isPeerGone(Throwable cause) {
        return cause instanceof IOException && !(cause instanceof JsonProcessingException) && cause.getCause() == null;
    }
}
