package io.convro.edge;

import io.netty.channel.ChannelFuture;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;

/** One request/response pair on the client connection. */
final class Exchange {

    final Route route;
    final boolean keepAlive;
    final boolean http10;
    final boolean head;
    boolean requestDone;
    boolean responseStarted;
    boolean responseDone;
    /** Request-body bytes seen so far, against {@link #bodyLimit}. */
    long bodyBytes;
    long bodyLimit = Long.MAX_VALUE;
    /** The port answered 413 itself: the rest of the body is read and dropped, then the connection closes. */
    boolean rejected;
    ChannelFuture rejection;

    Exchange(Route route, HttpRequest request) {
        this.route = route;
        this.keepAlive = HttpUtil.isKeepAlive(request);
        this.http10 = request.protocolVersion().equals(HttpVersion.HTTP_1_0);
        this.head = "HEAD".equals(request.method().name());
    }
}
