package io.convro.edge;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;

/** Which side answers a request that arrived on the public port: the one split of the port. */
enum Route {
    /** Under the Socket.IO context: netty-socketio answers, the port only keeps the order. */
    SOCKET_IO,
    /** Everything else: gathered whole and answered by the {@link RestApi}. */
    REST,
    /** A request the decoder could not read, or whose target is malformed ({@link RequestTarget}): refused here. */
    REFUSED;

    /**
     * Only the path counts (netty-socketio's own connect path is the context plus {@code /}), so realtime requests
     * never pass through the REST side.
     */
    static Route of(HttpRequest request, String socketIoPrefix) {
        if (request.decoderResult().isFailure() || !RequestTarget.isValid(request.uri())) {
            return REFUSED;
        }
        return request.uri().startsWith(socketIoPrefix) ? SOCKET_IO : REST;
    }

    /** A long-polling GET, as opposed to the GET that asks for the websocket upgrade. */
    static boolean isPollingGet(HttpRequest request) {
        return HttpMethod.GET.equals(request.method())
                && !request.headers().containsValue(HttpHeaderNames.UPGRADE, HttpHeaderValues.WEBSOCKET, true);
    }
}
