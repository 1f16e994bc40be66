package io.convro.edge;

import com.corundumstudio.socketio.handler.EncoderHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpRequest;

/**
 * The exchanges netty-socketio answers: requests go on down the pipeline untouched, and the
 * {@link SocketIoResponseTap} reports here when the response is written, so the next request may start.
 */
final class SocketIoExchanges {

    private final PublicConnection connection;
    private boolean socketIoActive;

    SocketIoExchanges(PublicConnection connection) {
        this.connection = connection;
    }

    void start(HttpRequest request) {
        ChannelHandlerContext ctx = connection.context();
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
        connection.context().fireChannelRead(content);
        if (ex.requestDone && ex.responseDone) {
            connection.finishExchange();
        }
    }

    /** netty-socketio saw the connection open only if a Socket.IO request came, so only then it sees it close. */
    void clientClosed() {
        if (socketIoActive) {
            connection.context().fireChannelInactive();
        }
    }

    // ---- called by the tap ---------------------------------------------------------------------------

    boolean awaitingResponse() {
        Exchange ex = connection.exchange();
        return ex != null && ex.route == Route.SOCKET_IO && !ex.responseStarted;
    }

    boolean keepAlive() {
        Exchange ex = connection.exchange();
        return ex != null && ex.keepAlive;
    }

    /** The last part of the Socket.IO response went into the pipeline; anything more is unsolicited. */
    void responseWritten() {
        Exchange ex = connection.exchange();
        if (ex != null) {
            ex.responseStarted = true;
        }
    }

    /** The Socket.IO response left the socket: start the next request, or switch to websocket frames. */
    void responseCompleted(int status) {
        Exchange ex = connection.exchange();
        if (ex == null || ex.route != Route.SOCKET_IO || connection.isClosing()
                || !connection.context().channel().isActive()) {
            return;
        }
        ex.responseDone = true;
        if (status == 101) {
            connection.stepOut();
            return;
        }
        if (!ex.keepAlive) {
            connection.closeNow();
            return;
        }
        if (ex.requestDone) {
            connection.finishExchange();
        }
    }
}
