package io.convro.adapter.socketio.relay;

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

    Exchange(Route route, HttpRequest request) {
        this.route = route;
        this.keepAlive = HttpUtil.isKeepAlive(request);
        this.http10 = request.protocolVersion().equals(HttpVersion.HTTP_1_0);
    }

    boolean isBackend() {
        return route == Route.BACKEND;
    }
}
