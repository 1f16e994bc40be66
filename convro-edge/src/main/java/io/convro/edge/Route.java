package io.convro.edge;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;

/** Which side answers a request that arrived on the public port: the one split of the port. */
enum Route {
    /** Under the Socket.IO context: netty-socketio answers, the port only keeps the order. */
    SOCKET_IO,
    /** Everything else: gathered whole and answered by the {@link RestApi}. */
    REST,
    /**
     * A request the decoder could not read, whose target is malformed ({@link RequestTarget}), or that names an HTTP
     * version other than 1.0 and 1.1 (netty's decoder reads {@code HTTP/9.9} as a version): refused here.
     */
    REFUSED;

    /**
     * Only the path counts (netty-socketio's own connect path is the context plus {@code /}), so realtime requests
     * never pass through the REST side.
     */
    static Route of(HttpRequest request, String socketIoPrefix) {
        if (request.decoderResult().isFailure() || !isHttp1(request.protocolVersion())
                || !RequestTarget.isValid(request.uri())) {
            return REFUSED;
        }
        return request.uri().startsWith(socketIoPrefix) ? SOCKET_IO : REST;
    }

    private static boolean isHttp1(HttpVersion version) {
        return "HTTP".equals(version.protocolName()) && version.majorVersion() == 1 && version.minorVersion() <= 1;
    }

    /** A long-polling GET, as opposed to the GET that asks for the websocket upgrade. */
    static boolean isPollingGet(HttpRequest request) {
        return HttpMethod.GET.equals(request.method())
                && !request.headers().containsValue(HttpHeaderNames.UPGRADE, HttpHeaderValues.WEBSOCKET, true);
    }
}
