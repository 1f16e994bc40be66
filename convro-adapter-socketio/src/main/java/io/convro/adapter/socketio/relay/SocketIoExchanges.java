package io.convro.adapter.socketio.relay;

import com.corundumstudio.socketio.handler.EncoderHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpRequest;

/**
 * The exchanges netty-socketio answers: requests go on down the pipeline untouched, and the
 * {@link SocketIoResponseTap} reports here when the response is written, so the next request may start.
 */
final class SocketIoExchanges {

    private final RelayHandler relay;
    private boolean socketIoActive;

    SocketIoExchanges(RelayHandler relay) {
        this.relay = relay;
    }

    void start(HttpRequest request) {
        ChannelHandlerContext ctx = relay.context();
        if (!socketIoActive) {
            socketIoActive = true;
            ctx.fireChannelActive();
        }
        if (Route.isPollingGet(request)) {
            // netty-socketio marks a polling channel "written once" and never writes a second poll
            // response to it; on a keep-alive connection the next poll must be answerable again.
            ctx.channel().attr(EncoderHandler.WRITE_ONCE).set(null);
        }
        ctx.fireChannelRead(request);
    }

    void requestContent(Exchange ex, HttpContent content) {
        relay.context().fireChannelRead(content);
        if (ex.requestDone && ex.responseDone) {
            relay.finishExchange();
        }
    }

    /** netty-socketio saw the connection open only if a Socket.IO request came, so only then it sees it close. */
    void clientClosed() {
        if (socketIoActive) {
            relay.context().fireChannelInactive();
        }
    }

    // ---- called by the tap ---------------------------------------------------------------------------

    boolean awaitingResponse() {
        Exchange ex = relay.exchange();
        return ex != null && ex.route == Route.SOCKET_IO && !ex.responseStarted;
    }

    boolean keepAlive() {
        Exchange ex = relay.exchange();
        return ex != null && ex.keepAlive;
    }

    /** The last part of the Socket.IO response went into the pipeline; anything more is unsolicited. */
    void responseWritten() {
        Exchange ex = relay.exchange();
        if (ex != null) {
            ex.responseStarted = true;
        }
    }

    /** The Socket.IO response left the socket: start the next request, or switch to websocket frames. */
    void responseCompleted(int status) {
        Exchange ex = relay.exchange();
        if (ex == null || ex.route != Route.SOCKET_IO || relay.isClosing()
                || !relay.context().channel().isActive()) {
            return;
        }
        ex.responseDone = true;
        if (status == 101) {
            relay.stepOut();
            return;
        }
        if (!ex.keepAlive) {
            relay.closeNow();
            return;
        }
        if (ex.requestDone) {
            relay.finishExchange();
        }
    }
}
