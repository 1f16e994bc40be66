package io.convro.edge;

import io.netty.channel.ChannelFuture;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The exchanges the {@link RestApi} answers: the body is gathered on the event loop (within the path's limit,
 * {@link OversizedBodies}, and the node's {@link GatheredBodies}), the request handed over whole, and the answer
 * written back on the event loop when its stage completes, in request order.
 */
final class RestExchanges {
    private static final Logger log = LoggerFactory.getLogger(RestExchanges.class);
    private static final String X_FORWARDED_FOR = "X-Forwarded-For";
    private static final RestAnswer INTERNAL_ERROR = new RestAnswer(500, Map.of(), "application/json",
            "{\"error\":\"INTERNAL_ERROR\",\"message\":\"internal error\"}".getBytes(StandardCharsets.US_ASCII));
    private static final int UNDECLARED_START_BYTES = 1024;

    private final PublicConnection connection;
    private final EdgeSettings settings;
    private final OversizedBodies oversized;
    private HttpRequest head;
    private String path;
    private String rawQuery;
    private byte[] body;
    private int length;
    /** What of the node's {@link GatheredBodies} this exchange holds. */
    private long taken;

    RestExchanges(PublicConnection connection, EdgeSettings settings) {
        this.connection = connection;
        this.settings = settings;
        this.oversized = new OversizedBodies(connection);
    }

    void start(Exchange ex, HttpRequest request) {
        String uri = request.uri();
        int query = uri.indexOf('?');
        path = query < 0 ? uri : uri.substring(0, query);
        rawQuery = query < 0 ? null : uri.substring(query + 1);
        ex.bodyLimit = settings.rest().bodyLimit(path);
        long declared = HttpUtil.getContentLength(request, -1L);
        if (declared < 0 && !HttpUtil.isTransferEncodingChunked(request)) {
            declared = 0; // neither a length nor chunked: no body (RFC 9112, 6.3), so no room to take for one
        }
        if (declared > ex.bodyLimit) {
            oversized.reject(ex, request, path);
            forget();
            return;
        }
        int size = declared >= 0 ? (int) declared : (int) Math.min(UNDECLARED_START_BYTES, ex.bodyLimit);
        if (!take(size)) {
            busy(ex);
            return;
        }
        head = request;
        body = new byte[size];
        length = 0;
        if (HttpUtil.is100ContinueExpected(request)) {
            connection.responses().writeAndFlush(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.CONTINUE));
        }
    }

    void requestContent(Exchange ex, HttpContent content) {
        if (ex.rejected) {
            oversized.drain(ex, content);
            return;
        }
        if (head == null) {
            content.release(); // refused already (busy)
            return;
        }
        int size = content.content().readableBytes();
        ex.bodyBytes += size;
        if (ex.bodyBytes > ex.bodyLimit) {
            String refusedPath = path;
            forget();
            oversized.reject(ex, null, refusedPath);
            oversized.drain(ex, content);
            return;
        }
        if (length + size > body.length) {
            int grown = (int) Math.min(ex.bodyLimit, Math.max(length + size, 2L * body.length));
            if (!take(grown - body.length)) {
                content.release();
                busy(ex);
                return;
            }
            body = Arrays.copyOf(body, grown);
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
        HttpHeaders headers = head.headers();
        RestRequest request = new RestRequest(head.method().name(), path, rawQuery, name -> header(headers, name),
                length == body.length ? body : Arrays.copyOf(body, length));
        forget();
        try {
            settings.rest().answer(request).whenComplete((answer, failure) -> {
                if (connection.context().executor().inEventLoop()) {
                    respond(ex, answer, failure);
                } else {
                    connection.context().executor().execute(() -> respond(ex, answer, failure));
                }
            });
        } catch (RuntimeException failure) {
            respond(ex, null, failure);
        }
    }

    /**
     * A request header as a proxy in front of the API would pass it: {@code X-Forwarded-For} with the client
     * connection's peer appended, so the API knows the client's address behind trusted proxies.
     */
    private String header(HttpHeaders headers, String name) {
        if (!X_FORWARDED_FOR.equalsIgnoreCase(name)) {
            return headers.get(name);
        }
        String previous = String.join(", ", headers.getAll(X_FORWARDED_FOR));
        if (!(connection.context().channel().remoteAddress() instanceof InetSocketAddress peer) || peer.getAddress() == null) {
            return previous.isEmpty() ? null : previous;
        }
        String ip = peer.getAddress().getHostAddress();
        return previous.isEmpty() ? ip : previous + ", " + ip;
    }

    private void respond(Exchange ex, RestAnswer answer, Throwable failure) {
        if (connection.exchange() != ex || !connection.context().channel().isActive()) {
            return; // the client went away meanwhile
        }
        if (failure != null || answer == null) {
            log.error("the REST API failed to answer; answering 500", failure);
            answer = INTERNAL_ERROR;
        }
        ex.responseStarted = true;
        ex.responseDone = true;
        boolean keepAlive = ex.keepAlive && !connection.isClosing() && !closes(answer);
        ChannelFuture written = connection.responses().writeAndFlush(WireAnswers.of(answer, ex.http10, keepAlive, ex.head));
        if (!keepAlive) {
            connection.markClosing();
            connection.lastResponseWritten(written);
        } else {
            connection.finishExchange();
        }
    }

    /** A client error the API answered before reading the whole body may leave the connection out of step. */
    private static boolean closes(RestAnswer answer) {
        return "close".equalsIgnoreCase(answer.headers().get("Connection"));
    }

    /** The node's bound on gathered bodies is spent: 503 and the connection closes. */
    private void busy(Exchange ex) {
        forget();
        connection.answerAndClose(ex, WireAnswers.refusal(settings.rest(), 503, null));
    }

    private boolean take(long bytes) {
        if (!settings.gatheredBodies().tryTake(bytes)) {
            return false;
        }
        taken += bytes;
        return true;
    }

    /** The client connection is gone: what was gathered goes. */
    void clientClosed() {
        forget();
    }

    private void forget() {
        head = null;
        path = null;
        rawQuery = null;
        body = null;
        length = 0;
        if (taken > 0) {
            settings.gatheredBodies().give(taken);
            taken = 0;
        }
    }
}
