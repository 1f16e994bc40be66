package io.convro.adapter.socketio.relay;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.handler.codec.DateFormatter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.util.AsciiString;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Date;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The exchanges a {@link DirectRoute} answers: the body is gathered (within the path's limit, as for the backend:
 * {@link OversizedBodies}), handed over whole on the event loop, and the answer written back on it as one response
 * with the headers the backend would have sent ({@code Date}, {@code Content-Type}, {@code Content-Length}).
 */
final class DirectExchanges {
    private static final Logger log = LoggerFactory.getLogger(RelayHandler.class);
    private static final AsciiString DATE = AsciiString.cached("Date");
    private static final AsciiString CONTENT_TYPE = AsciiString.cached("Content-Type");
    private static final AsciiString CONTENT_LENGTH = AsciiString.cached("Content-Length");
    private static final byte[] INTERNAL_ERROR =
            "{\"error\":\"INTERNAL_ERROR\",\"message\":\"internal error\"}".getBytes(StandardCharsets.US_ASCII);

    private final RelayHandler relay;
    private final RelaySettings settings;
    private final OversizedBodies oversized;
    private DirectRoute route;
    private HttpHeaders headers;
    private byte[] body;
    private int length;

    DirectExchanges(RelayHandler relay, RelaySettings settings) {
        this.relay = relay;
        this.settings = settings;
        this.oversized = new OversizedBodies(relay);
    }

    /** The route that answers {@code request}, or {@code null} when it goes to the backend over the link. */
    DirectRoute routeFor(HttpRequest request) {
        InProcessBackend backend = settings.inProcess();
        if (backend == null || HttpUtil.is100ContinueExpected(request)) {
            return null; // "100 Continue" and its kin are the backend's to answer
        }
        return backend.direct(request.method().name(), new QueryStringDecoder(request.uri()).path());
    }

    void start(Exchange ex, HttpRequest request, DirectRoute direct) {
        ex.bodyLimit = settings.bodyLimitOf(new QueryStringDecoder(request.uri()).path());
        long declared = HttpUtil.getContentLength(request, -1L);
        if (declared > ex.bodyLimit) {
            oversized.reject(ex, request);
            return;
        }
        route = direct;
        headers = request.headers();
        body = new byte[declared >= 0 ? (int) declared : 1024];
        length = 0;
    }

    void requestContent(Exchange ex, HttpContent content) {
        if (ex.rejected) {
            oversized.drain(ex, content);
            return;
        }
        if (content.decoderResult().isFailure()) {
            // a broken chunk: the decoder reads nothing more of this connection
            content.release();
            forget();
            ex.responseDone = true;
            relay.closeWhenWritten(relay.responses().writeAndFlush(RelayErrors.malformedRequest(relay.context().alloc(), false)));
            return;
        }
        int size = content.content().readableBytes();
        ex.bodyBytes += size;
        if (ex.bodyBytes > ex.bodyLimit) {
            forget();
            oversized.reject(ex, null);
            oversized.drain(ex, content);
            return;
        }
        if (length + size > body.length) {
            body = Arrays.copyOf(body, (int) Math.min(ex.bodyLimit, Math.max(length + size, 2L * body.length)));
        }
        content.content().readBytes(body, length, size);
        length += size;
        boolean last = content instanceof LastHttpContent;
        content.release();
        if (last) {
            ask(ex);
        }
    }

    private void ask(Exchange ex) {
        DirectRoute direct = route;
        HttpHeaders requestHeaders = headers;
        byte[] whole = length == body.length ? body : Arrays.copyOf(body, length);
        forget();
        try {
            direct.answer(name -> header(requestHeaders, name), whole).whenComplete((answer, failure) -> {
                if (relay.context().executor().inEventLoop()) {
                    respond(ex, answer, failure);
                } else {
                    relay.context().executor().execute(() -> respond(ex, answer, failure));
                }
            });
        } catch (RuntimeException failure) {
            respond(ex, null, failure);
        }
    }

    /**
     * A request header as the backend would see it: {@code X-Forwarded-For} with the client connection's peer
     * appended (as {@link RelayHeaders#toBackend} does), so the route knows the client address alike.
     */
    private String header(HttpHeaders requestHeaders, String name) {
        if (!RelayHeaders.X_FORWARDED_FOR.equalsIgnoreCase(name)) {
            return requestHeaders.get(name);
        }
        String previous = String.join(", ", requestHeaders.getAll(RelayHeaders.X_FORWARDED_FOR));
        if (!(relay.context().channel().remoteAddress() instanceof InetSocketAddress peer) || peer.getAddress() == null) {
            return previous.isEmpty() ? null : previous;
        }
        String ip = peer.getAddress().getHostAddress();
        return previous.isEmpty() ? ip : previous + ", " + ip;
    }

    private void respond(Exchange ex, DirectRoute.Answer answer, Throwable failure) {
        if (relay.exchange() != ex || !relay.context().channel().isActive()) {
            return; // the client went away meanwhile
        }
        if (failure != null || answer == null) {
            log.error("a direct route failed; answering 500", failure);
            answer = new DirectRoute.Answer(500, "application/json", INTERNAL_ERROR);
        }
        ex.responseStarted = true;
        ex.responseDone = true;
        FullHttpResponse response = new DefaultFullHttpResponse(ex.http10 ? HttpVersion.HTTP_1_0 : HttpVersion.HTTP_1_1,
                HttpResponseStatus.valueOf(answer.status()), Unpooled.wrappedBuffer(answer.body()));
        // spelt as the backend spells them, so that this route's answers look like every other's
        response.headers()
                .set(DATE, HttpDate.now())
                .set(CONTENT_TYPE, answer.contentType())
                .setInt(CONTENT_LENGTH, answer.body().length);
        RelayErrors.secure(response);
        if (answer.retryAfter() != null) {
            response.headers().set(HttpHeaderNames.RETRY_AFTER, answer.retryAfter());
        }
        if (answer.allowOrigin() != null) {
            // as the REST app's CORS policy answers an allowed origin
            response.headers().set("Access-Control-Allow-Origin", answer.allowOrigin())
                    .set("Vary", "Origin")
                    .set("Access-Control-Expose-Headers", "Retry-After");
        }
        if (!ex.keepAlive) {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        } else if (ex.http10) {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
        }
        ChannelFuture written = relay.responses().writeAndFlush(response);
        if (!ex.keepAlive || relay.isClosing()) {
            relay.markClosing();
            relay.lastResponseWritten(written);
        } else {
            relay.finishExchange();
        }
    }

    /** The client connection is gone: what was gathered goes. */
    void clientClosed() {
        forget();
    }

    private void forget() {
        route = null;
        headers = null;
        body = null;
        length = 0;
    }

    /** The {@code Date} header's value, made once a second (as Jetty does). */
    private static final class HttpDate {
        private static volatile Stamp current = new Stamp(0, "");

        private record Stamp(long second, String text) {
        }

        static String now() {
            long millis = System.currentTimeMillis();
            long second = millis / 1000;
            Stamp stamp = current;
            if (stamp.second() != second) {
                stamp = new Stamp(second, DateFormatter.format(new Date(second * 1000)));
                current = stamp;
            }
            return stamp.text();
        }
    }
}
