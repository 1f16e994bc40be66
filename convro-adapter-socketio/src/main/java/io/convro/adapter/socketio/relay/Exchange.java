package io.convro.adapter.socketio.relay;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFuture;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;

/** One request/response pair on the client connection. */
final class Exchange {

    final Route route;
    final boolean keepAlive;
    final boolean http10;
    boolean requestDone;
    boolean responseStarted;
    boolean responseDone;
    boolean interimResponse;
    boolean backendKeepAlive = true;
    /** Request-body bytes seen so far, against {@link #bodyLimit}. */
    long bodyBytes;
    long bodyLimit = Long.MAX_VALUE;
    /** The relay answered 413 itself: the rest of the body is read and dropped, then the connection closes. */
    boolean rejected;
    ChannelFuture rejection;
    /** A backend request's head, held until its body is all there ({@code null} once sent, or for other routes). */
    HttpRequest heldHead;
    /** The body gathered so far behind {@link #heldHead}, and what of it is counted against {@link #heldBudget}. */
    ByteBuf heldBody;
    long heldBytes;
    GatheredBodies heldBudget;

    Exchange(Route route, HttpRequest request) {
        this.route = route;
        this.keepAlive = HttpUtil.isKeepAlive(request);
        this.http10 = request.protocolVersion().equals(HttpVersion.HTTP_1_0);
    }

    /** What was gathered and not sent goes (the exchange failed or the client left). */
    void releaseHeld() {
        heldHead = null;
        if (heldBody != null) {
            heldBody.release();
            heldBody = null;
        }
        returnHeldBudget();
    }

    void returnHeldBudget() {
        if (heldBudget != null) {
            heldBudget.give(heldBytes);
            heldBudget = null;
        }
        heldBytes = 0;
    }

    boolean isBackend() {
        return route == Route.BACKEND;
    }
}
