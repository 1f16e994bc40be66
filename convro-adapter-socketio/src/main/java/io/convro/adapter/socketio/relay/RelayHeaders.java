package io.convro.adapter.socketio.relay;

import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.List;

/**
 * Header rewriting of the relay. Only hop-by-hop headers change (they describe the client↔relay
 * connection, not the request); framing headers (Content-Length, Transfer-Encoding) stay, because the
 * relay streams the body chunk by chunk and the encoders re-frame it the same way.
 */
final class RelayHeaders {

    static final String X_FORWARDED_FOR = "X-Forwarded-For";
    static final String X_FORWARDED_PROTO = "X-Forwarded-Proto";
    static final String X_FORWARDED_HOST = "X-Forwarded-Host";

    private static final List<CharSequence> HOP_BY_HOP = List.of(
            HttpHeaderNames.CONNECTION, HttpHeaderNames.KEEP_ALIVE, HttpHeaderNames.PROXY_CONNECTION,
            HttpHeaderNames.PROXY_AUTHORIZATION, HttpHeaderNames.PROXY_AUTHENTICATE, HttpHeaderNames.TE,
            HttpHeaderNames.UPGRADE);

    private RelayHeaders() {
    }

    /**
     * The request as the backend should see it: same method, URI, headers and body framing, always
     * HTTP/1.1 so the backend link stays keep-alive whatever the client speaks.
     */
    static HttpRequest toBackend(HttpRequest in, SocketAddress client, boolean tls, String defaultHost) {
        HttpHeaders headers = in.headers().copy();
        stripHopByHop(headers);
        if (client instanceof InetSocketAddress address && address.getAddress() != null) {
            // Append, never replace: an upstream load balancer's entries stay and ours is the rightmost.
            String ip = address.getAddress().getHostAddress();
            String previous = String.join(", ", headers.getAll(X_FORWARDED_FOR));
            headers.set(X_FORWARDED_FOR, previous.isEmpty() ? ip : previous + ", " + ip);
        }
        // Keep what an outer proxy already said: behind a TLS-terminating balancer "http" would be wrong.
        if (!headers.contains(X_FORWARDED_PROTO)) {
            headers.set(X_FORWARDED_PROTO, tls ? "https" : "http");
        }
        String host = headers.get(HttpHeaderNames.HOST);
        if (host == null || host.isBlank()) {
            // HTTP/1.0 clients may omit Host; the backend link is HTTP/1.1, which requires it.
            headers.set(HttpHeaderNames.HOST, defaultHost);
        } else if (!headers.contains(X_FORWARDED_HOST)) {
            headers.set(X_FORWARDED_HOST, host);
        }
        return new DefaultHttpRequest(HttpVersion.HTTP_1_1, in.method(), in.uri(), headers);
    }

    /**
     * The backend's response as the client should see it. An HTTP/1.0 client cannot read chunked
     * framing, so for it a chunked body becomes close-delimited ({@code closeAfter} is then forced).
     *
     * @return the response to write; {@link HttpUtil#isKeepAlive} on it tells whether to keep the client
     */
    static HttpResponse toClient(HttpResponse in, boolean clientHttp10, boolean keepClient) {
        HttpHeaders headers = in.headers().copy();
        stripHopByHop(headers);
        boolean keep = keepClient;
        if (clientHttp10 && HttpUtil.isTransferEncodingChunked(in)) {
            headers.remove(HttpHeaderNames.TRANSFER_ENCODING);
            keep = false;
        }
        if (!keep) {
            headers.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        } else if (clientHttp10) {
            headers.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
        }
        return new DefaultHttpResponse(clientHttp10 ? HttpVersion.HTTP_1_0 : HttpVersion.HTTP_1_1,
                in.status(), headers);
    }

    private static void stripHopByHop(HttpHeaders headers) {
        // Headers named in Connection are hop-by-hop too (RFC 9110 §7.6.1).
        for (String value : headers.getAll(HttpHeaderNames.CONNECTION)) {
            for (String token : value.split(",")) {
                String name = token.trim();
                if (!name.isEmpty() && !name.equalsIgnoreCase("close") && !name.equalsIgnoreCase("keep-alive")) {
                    headers.remove(name);
                }
            }
        }
        HOP_BY_HOP.forEach(headers::remove);
    }
}
