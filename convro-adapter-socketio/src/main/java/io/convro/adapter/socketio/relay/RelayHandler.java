package io.convro.adapter.socketio.relay;

import com.corundumstudio.socketio.handler.EncoderHandler;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ReflectiveChannelFactory;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.ReferenceCountUtil;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Per client connection: routes each HTTP request either on to netty-socketio (path under the Socket.IO
 * context) or over this connection's own keep-alive link to the REST backend, one request at a time so
 * responses leave in request order. Everything runs on the client channel's event loop (the backend link
 * is registered on the same loop), so no state here needs synchronisation.
 *
 * <p>Bodies are streamed chunk by chunk in both directions; reading stops while the other side cannot
 * take more ({@code autoRead}) and while requests pipelined behind the current one pile up, so nothing is
 * buffered without a bound. Body size limits are the backend's business (it answers 413 itself).
 */
final class RelayHandler extends ChannelInboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(RelayHandler.class);

    /** Pipelined messages read ahead of the current exchange before reading pauses. */
    private static final int MAX_QUEUED_MESSAGES = 32;
    private static final int BACKEND_MAX_INITIAL_LINE = 4096;
    private static final int BACKEND_MAX_HEADER_SIZE = 16384;
    private static final int BACKEND_MAX_CHUNK_SIZE = 8192;

    private enum Route { SOCKET_IO, BACKEND, LOCAL }

    /** One request/response pair on the client connection. */
    private static final class Exchange {
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
    }

    private final RelaySettings settings;
    private final String socketIoPrefix;
    private final Duration firstDataTimeout;
    private final boolean tls;

    private ChannelHandlerContext ctx;
    private ChannelHandlerContext out;
    private final ArrayDeque<HttpObject> queued = new ArrayDeque<>();
    private final ArrayDeque<HttpObject> backlog = new ArrayDeque<>();
    private Exchange exchange;
    private boolean passthrough;
    private boolean socketIoActive;
    private boolean draining;
    private boolean closing;
    private Channel backend;
    private boolean backendConnecting;
    private ScheduledFuture<?> idleTimer;

    RelayHandler(RelaySettings settings, String socketIoContext, Duration firstDataTimeout, boolean tls) {
        this.settings = settings;
        this.socketIoPrefix = socketIoContext + "/";
        this.firstDataTimeout = firstDataTimeout;
        this.tls = tls;
    }

    /** The tap's context: writing there enters netty-socketio's HTTP encoder, bypassing its compressor. */
    void responseContext(ChannelHandlerContext tapContext) {
        this.out = tapContext;
    }

    // ---- client side -------------------------------------------------------------------------------

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        // Withheld from netty-socketio: its AuthorizeHandler closes a connection whose first request does
        // not reach it within firstDataTimeout, which would kill REST-only connections. It gets the event
        // just before the first Socket.IO request; until then this handler enforces the same timeout.
        armIdleTimer(firstDataTimeout);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (passthrough || !(msg instanceof HttpObject object)) {
            ctx.fireChannelRead(msg);
            return;
        }
        if (closing) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (!queued.isEmpty() || (exchange != null && exchange.requestDone)) {
            queued.add(object);
            updateReading();
            return;
        }
        handle(object);
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (backend != null && !backendConnecting) {
            backend.flush();
        }
        ctx.fireChannelReadComplete();
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (backend != null && ctx.channel().isWritable()) {
            backend.config().setAutoRead(true);
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        closing = true;
        cancelIdleTimer();
        releaseAll(queued);
        releaseAll(backlog);
        closeBackend();
        if (socketIoActive) {
            ctx.fireChannelInactive();
        }
    }

    private void handle(HttpObject msg) {
        if (msg instanceof FullHttpRequest full) {
            // The decoder never emits these, but a test harness or another codec might: split it.
            handle(new DefaultHttpRequest(full.protocolVersion(), full.method(), full.uri(), full.headers()));
            handle(new DefaultLastHttpContent(full.content(), full.trailingHeaders()));
            return;
        }
        if (msg instanceof HttpRequest request) {
            startExchange(request);
            return;
        }
        HttpContent content = (HttpContent) msg;
        Exchange ex = exchange;
        if (ex == null || ex.requestDone) {
            content.release();
            return;
        }
        if (content instanceof LastHttpContent) {
            ex.requestDone = true;
        }
        switch (ex.route) {
            case SOCKET_IO -> {
                ctx.fireChannelRead(content);
                if (ex.requestDone && ex.responseDone) {
                    finishExchange();
                }
            }
            case BACKEND -> relayRequestContent(ex, content);
            case LOCAL -> content.release();
        }
    }

    private void startExchange(HttpRequest request) {
        cancelIdleTimer();
        if (request.decoderResult().isFailure()) {
            // The decoder discards everything after a bad message, so answer and close.
            exchange = new Exchange(Route.LOCAL, request);
            exchange.requestDone = true;
            boolean tooLarge = request.decoderResult().cause() instanceof TooLongFrameException;
            closing = true;
            out.writeAndFlush(RelayErrors.malformedRequest(ctx.alloc(), tooLarge))
                    .addListener(ChannelFutureListener.CLOSE);
            return;
        }
        String path = new QueryStringDecoder(request.uri()).path();
        if (path.startsWith(socketIoPrefix)) {
            exchange = new Exchange(Route.SOCKET_IO, request);
            if (!socketIoActive) {
                socketIoActive = true;
                ctx.fireChannelActive();
            }
            if (HttpMethod.GET.equals(request.method()) && !isWebSocketUpgrade(request)) {
                // netty-socketio marks a polling channel "written once" and never writes a second poll
                // response to it; on a keep-alive connection the next poll must be answerable again.
                ctx.channel().attr(EncoderHandler.WRITE_ONCE).set(null);
            }
            ctx.fireChannelRead(request);
            return;
        }
        exchange = new Exchange(Route.BACKEND, request);
        sendToBackend(RelayHeaders.toBackend(request, ctx.channel().remoteAddress(), tls, settings.backend()));
    }

    private static boolean isWebSocketUpgrade(HttpRequest request) {
        return request.headers().containsValue(HttpHeaderNames.UPGRADE, HttpHeaderValues.WEBSOCKET, true);
    }

    private void relayRequestContent(Exchange ex, HttpContent content) {
        if (content.decoderResult().isFailure()) {
            // A broken chunk: the request cannot be completed; neither link can be resynchronised.
            content.release();
            closeBackend();
            failExchange(ex);
            return;
        }
        if (ex.responseDone) {
            // The backend answered early (e.g. 413) and the connection closes after that answer.
            content.release();
            return;
        }
        sendToBackend(content);
    }

    private void finishExchange() {
        exchange = null;
        if (closing || !ctx.channel().isActive()) {
            return;
        }
        if (!draining) {
            draining = true;
            try {
                while (!queued.isEmpty() && !closing && (exchange == null || !exchange.requestDone)) {
                    handle(queued.poll());
                }
            } finally {
                draining = false;
            }
        }
        if (exchange == null && !closing) {
            armIdleTimer(settings.keepAliveTimeout());
        }
        updateReading();
    }

    /** Reading pauses while the backend link is connecting or full, or pipelined requests pile up. */
    private void updateReading() {
        if (passthrough || closing) {
            return;
        }
        boolean backendFull = exchange != null && exchange.route == Route.BACKEND && !exchange.requestDone
                && backend != null && !backend.isWritable();
        boolean pause = backendConnecting || backendFull || queued.size() >= MAX_QUEUED_MESSAGES;
        ctx.channel().config().setAutoRead(!pause);
    }

    // ---- Socket.IO side (called by the tap) -------------------------------------------------------

    boolean isPassthrough() {
        return passthrough;
    }

    boolean awaitingSocketIoResponse() {
        return exchange != null && exchange.route == Route.SOCKET_IO && !exchange.responseStarted;
    }

    boolean socketIoKeepAlive() {
        return exchange != null && exchange.keepAlive;
    }

    /** The last part of the Socket.IO response went into the pipeline; anything more is unsolicited. */
    void socketIoResponseWritten() {
        if (exchange != null) {
            exchange.responseStarted = true;
        }
    }

    /** The Socket.IO response left the socket: start the next request, or switch to websocket frames. */
    void socketIoResponseCompleted(int status) {
        Exchange ex = exchange;
        if (ex == null || ex.route != Route.SOCKET_IO || closing || !ctx.channel().isActive()) {
            return;
        }
        ex.responseDone = true;
        if (status == 101) {
            // Websocket from now on: frames are netty-socketio's alone, the relay steps out of the way.
            passthrough = true;
            exchange = null;
            cancelIdleTimer();
            releaseAll(queued);
            closeBackend();
            ctx.channel().config().setAutoRead(true);
            ctx.pipeline().remove(SocketIoResponseTap.class);
            ctx.pipeline().remove(this);
            return;
        }
        if (!ex.keepAlive) {
            closing = true;
            ctx.channel().close();
            return;
        }
        if (ex.requestDone) {
            finishExchange();
        }
    }

    // ---- backend side ------------------------------------------------------------------------------

    private void sendToBackend(HttpObject msg) {
        if (backend != null && !backendConnecting && backend.isActive()) {
            backend.write(msg);
            if (msg instanceof LastHttpContent) {
                backend.flush();
            }
            updateReading();
            return;
        }
        backlog.add(msg);
        if (!backendConnecting) {
            connectBackend();
        }
    }

    private void connectBackend() {
        closeBackend();
        backendConnecting = true;
        updateReading();
        Channel client = ctx.channel();
        Bootstrap bootstrap = new Bootstrap()
                .group(client.eventLoop())
                // The accepted channel's class (NIO or epoll) also works as a client on this event loop.
                .channelFactory(new ReflectiveChannelFactory<>(client.getClass()))
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) settings.connectTimeout().toMillis())
                .option(ChannelOption.TCP_NODELAY, true)
                .handler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ch.pipeline().addLast(
                                new HttpClientCodec(BACKEND_MAX_INITIAL_LINE, BACKEND_MAX_HEADER_SIZE,
                                        BACKEND_MAX_CHUNK_SIZE),
                                new IdleStateHandler(0, 0, settings.backendIdleTimeout().toMillis(),
                                        TimeUnit.MILLISECONDS),
                                new BackendHandler(RelayHandler.this));
                    }
                });
        ChannelFuture connect = bootstrap.connect(settings.backend());
        Channel link = connect.channel();
        backend = link;
        connect.addListener(f -> onBackendConnected(link, f.isSuccess()));
    }

    private void onBackendConnected(Channel link, boolean success) {
        if (link != backend) {
            link.close();
            return;
        }
        backendConnecting = false;
        if (closing) {
            closeBackend();
            releaseAll(backlog);
            return;
        }
        if (!success) {
            log.warn("REST backend {} unreachable; answering 503", settings.backend());
            backend = null;
            releaseAll(backlog);
            if (exchange != null && exchange.route == Route.BACKEND) {
                failExchange(exchange);
            }
            return;
        }
        while (!backlog.isEmpty()) {
            link.write(backlog.poll());
        }
        link.flush();
        updateReading();
    }

    void onBackendMessage(Channel link, HttpObject msg) {
        Exchange ex = exchange;
        if (link != backend || ex == null || ex.route != Route.BACKEND || ex.responseDone) {
            // Nothing asked for this: the link is out of step, never reuse it.
            ReferenceCountUtil.release(msg);
            link.close();
            return;
        }
        if (msg instanceof HttpResponse response) {
            int code = response.status().code();
            if (code >= 100 && code < 200) {
                // 100 Continue and friends: pass on, the final response follows on the same exchange.
                ex.interimResponse = true;
                out.write(RelayHeaders.toClient(response, ex.http10, true));
            } else {
                ex.responseStarted = true;
                ex.backendKeepAlive = HttpUtil.isKeepAlive(response);
                // Answered before the whole body arrived: the rest is not worth reading, close afterwards.
                boolean keepClient = ex.keepAlive && ex.requestDone;
                HttpResponse relayed = RelayHeaders.toClient(response, ex.http10, keepClient);
                if (!HttpUtil.isKeepAlive(relayed)) {
                    closing = true;
                }
                out.write(relayed);
            }
        }
        if (msg instanceof HttpContent part) {
            // A combined response object was written as a head above; only its body part remains.
            HttpContent content = msg instanceof HttpResponse && part instanceof LastHttpContent last
                    ? new DefaultLastHttpContent(last.content(), last.trailingHeaders())
                    : part;
            if (ex.interimResponse) {
                ex.interimResponse = !(content instanceof LastHttpContent);
                out.write(content);
                return;
            }
            if (!(content instanceof LastHttpContent)) {
                out.write(content);
                if (!ctx.channel().isWritable()) {
                    link.config().setAutoRead(false);
                }
                return;
            }
            ex.responseDone = true;
            ChannelFuture written = out.writeAndFlush(content);
            if (!ex.backendKeepAlive || !ex.requestDone) {
                closeBackend();
            }
            if (closing) {
                written.addListener(ChannelFutureListener.CLOSE);
                exchange = null;
                releaseAll(queued);
            } else if (ex.requestDone) {
                finishExchange();
            }
        }
    }

    void onBackendReadComplete(Channel link) {
        if (link == backend) {
            out.flush();
        }
    }

    void onBackendWritabilityChanged(Channel link) {
        if (link == backend) {
            updateReading();
        }
    }

    void onBackendIdle(Channel link) {
        if (link != backend || exchange == null || exchange.route != Route.BACKEND) {
            link.close();
        }
    }

    void onBackendClosed(Channel link) {
        if (link != backend) {
            return;
        }
        backend = null;
        backendConnecting = false;
        Exchange ex = exchange;
        if (ex != null && ex.route == Route.BACKEND && !ex.responseDone && !closing) {
            log.warn("REST backend {} closed the link before its response was complete", settings.backend());
            failExchange(ex);
        } else {
            updateReading();
        }
    }

    /** The backend failed this exchange: 503 if nothing was sent yet, otherwise the client sees a cut. */
    private void failExchange(Exchange ex) {
        ex.responseDone = true;
        releaseAll(backlog);
        if (ex.responseStarted) {
            closing = true;
            ctx.channel().close();
            return;
        }
        boolean keep = ex.keepAlive && ex.requestDone;
        ChannelFuture written = out.writeAndFlush(RelayErrors.backendUnavailable(ctx.alloc(), keep));
        if (!keep) {
            closing = true;
            written.addListener(ChannelFutureListener.CLOSE);
            return;
        }
        finishExchange();
    }

    private void closeBackend() {
        Channel link = backend;
        backend = null;
        backendConnecting = false;
        if (link != null) {
            link.close();
        }
    }

    // ---- timers and helpers ------------------------------------------------------------------------

    private void armIdleTimer(Duration timeout) {
        cancelIdleTimer();
        idleTimer = ctx.executor().schedule(() -> {
            if (exchange == null && !passthrough) {
                ctx.channel().close();
            }
        }, timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void cancelIdleTimer() {
        if (idleTimer != null) {
            idleTimer.cancel(false);
            idleTimer = null;
        }
    }

    private static void releaseAll(ArrayDeque<HttpObject> messages) {
        HttpObject msg;
        while ((msg = messages.poll()) != null) {
            ReferenceCountUtil.release(msg);
        }
    }
}
