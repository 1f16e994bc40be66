package io.convro.edge;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sits right after netty-socketio's {@code HttpResponseEncoder} (on the tail side), so it sees every HTTP
 * response netty-socketio writes and none of the REST ones (the connection handler writes through this handler's
 * context, i.e. straight into the encoder). It does three things:
 * <ul>
 *   <li>tells the {@link SocketIoExchanges} when a Socket.IO response is completely written, so the next
 *       request on the connection may start (responses stay in request order);</li>
 *   <li>swallows the {@code close()} netty-socketio issues after every polling response (it sends
 *       {@code Connection: keep-alive} and then closes), so a keep-alive connection can carry REST and
 *       polling requests alike — unless the client asked for {@code Connection: close};</li>
 *   <li>drops an HTTP response netty-socketio writes when no Socket.IO request is waiting for one:
 *       on a shared connection it would be read as the answer to someone else's request.</li>
 * </ul>
 */
final class SocketIoResponseTap extends ChannelOutboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(SocketIoResponseTap.class);

    private final PublicConnection connection;
    private final SocketIoExchanges socketIo;
    private boolean swallowClose;
    private int status;

    SocketIoResponseTap(PublicConnection connection) {
        this.connection = connection;
        this.socketIo = connection.socketIo();
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        connection.responseContext(ctx);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (!(msg instanceof HttpObject) || connection.isPassthrough()) {
            ctx.write(msg, promise);
            return;
        }
        if (!socketIo.awaitingResponse()) {
            log.debug("Dropped an HTTP response from netty-socketio that no request on {} waits for",
                    ctx.channel().remoteAddress());
            ReferenceCountUtil.release(msg);
            promise.tryFailure(new IllegalStateException("no Socket.IO request waits for this response"));
            return;
        }
        if (msg instanceof HttpResponse response) {
            status = response.status().code();
        }
        if (msg instanceof LastHttpContent) {
            boolean keepAlive = socketIo.keepAlive();
            int finalStatus = status;
            socketIo.responseWritten();
            promise = promise.unvoid();
            promise.addListener(f -> {
                if (!f.isSuccess()) {
                    return;
                }
                // netty-socketio adds its CLOSE listener after this write returns, so it runs right after
                // this one, in the same notification loop: the flag is seen by exactly that close().
                swallowClose = keepAlive && finalStatus != 101;
                ctx.executor().execute(() -> {
                    swallowClose = false;
                    socketIo.responseCompleted(finalStatus);
                });
            });
        }
        ctx.write(msg, promise);
    }

    @Override
    public void close(ChannelHandlerContext ctx, ChannelPromise promise) {
        if (swallowClose) {
            swallowClose = false;
            promise.trySuccess();
            return;
        }
        ctx.close(promise);
    }
}
