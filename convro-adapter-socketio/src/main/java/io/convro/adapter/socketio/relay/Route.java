package io.convro.adapter.socketio.relay;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.QueryStringDecoder;

/** Which side answers a request that arrived on the public port. */
enum Route {
    /** Under the Socket.IO context: netty-socketio answers, the relay only keeps the order. */
    SOCKET_IO,
    /** Everything else: relayed over the connection's link to the REST backend. */
    BACKEND,
    /** A request the in-process backend answers from its parsed form ({@link DirectRoute}). */
    DIRECT,
    /** A request the decoder could not read, or whose target is malformed ({@link RequestTarget}): the relay answers it. */
    LOCAL;

    /**
     * The routing decision: only the path counts (netty-socketio's own connect path is the context plus
     * {@code /}), so realtime requests never pay the hop to the backend.
     */
    static Route of(HttpRequest request, String socketIoPrefix) {
        if (request.decoderResult().isFailure() || !RequestTarget.isValid(request.uri())) {
            return LOCAL;
        }
        String path = new QueryStringDecoder(request.uri()).path();
        return path.startsWith(socketIoPrefix) ? SOCKET_IO : BACKEND;
    }

    /** A long-polling GET, as opposed to the GET that asks for the websocket upgrade. */
    static boolean isPollingGet(HttpRequest request) {
        return HttpMethod.GET.equals(request.method())
                && !request.headers().containsValue(HttpHeaderNames.UPGRADE, HttpHeaderValues.WEBSOCKET, true);
    }
}
