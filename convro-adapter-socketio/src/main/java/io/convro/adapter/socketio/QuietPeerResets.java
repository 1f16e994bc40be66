package io.convro.adapter.socketio;

import com.corundumstudio.socketio.listener.DefaultExceptionListener;
import io.netty.channel.ChannelHandlerContext;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * netty-socketio's exception listener, except that a connection the peer reset or abandoned ("Connection reset by
 * peer", "Broken pipe": an {@link IOException} on the socket) is logged at debug, not as an error with a stack
 * trace: a client going away is ordinary (a load generator stopping writes one per connection). The channel is
 * closed by netty either way; anything else is logged as before.
 */
final class QuietPeerResets extends DefaultExceptionListener {
    private static final Logger LOG = LoggerFactory.getLogger(QuietPeerResets.class);

    @Override
    public boolean exceptionCaught(ChannelHandlerContext ctx, Throwable cause) throws Exception {
        if (cause instanceof IOException) {
            LOG.debug("connection {} closed by the peer: {}", ctx.channel().remoteAddress(), cause.getMessage());
            return true;
        }
        return super.exceptionCaught(ctx, cause);
    }
}
