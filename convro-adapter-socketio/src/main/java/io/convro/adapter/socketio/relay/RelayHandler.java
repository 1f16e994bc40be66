package io.convro.adapter.socketio.relay;

import io.convro.adapter.socketio.ClientInputLog;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Per client connection: routes each HTTP request either on to netty-socketio (path under the Socket.IO
 * context) or over this connection's own keep-alive link to the REST backend, one request at a time so
 * responses leave in request order. Everything runs on the client channel's event loop (the backend link
 * is registered on the same loop), so no state here needs synchronisation.
 *
 * <p>A request body for the backend is gathered whole before the request is passed on ({@link BackendExchanges},
 * within the path's limit and the node's {@link GatheredBodies}), and must arrive within the body deadline
 * ({@code 408} otherwise); responses are streamed chunk by chunk. Reading stops while the other side cannot take
 * more ({@code autoRead}) and while requests pipelined behind the current one pile up, so nothing is buffered without
 * a bound. Bodies over the limit of their path are refused here ({@link OversizedBodies}), so the backend never
 * receives more than the limit.
 *
 * <p>This class holds the connection's state and sequences its exchanges; the routing decision is
 * {@link Route}, the waiting requests {@link PipelinedRequests}, the sides {@link SocketIoExchanges},
 * {@link BackendExchanges} (over a {@link BackendLink}) and {@link DirectExchanges}, and backpressure
 * {@link FlowControl}.
 */
final class RelayHandler extends ChannelInboundHandlerAdapter {

    private final RelaySettings settings;
    private final String socketIoPrefix;
    private final Duration firstDataTimeout;
    private final PipelinedRequests queued = new PipelinedRequests();
    private final IdleConnectionTimer idleTimer = new IdleConnectionTimer();
    /** The current request's body deadline ({@link RelaySettings#bodyTimeout()}). */
    private ScheduledFuture<?> bodyDeadline;
    private final BackendExchanges backend;
    private final DirectExchanges direct;
    private final SocketIoExchanges socketIo = new SocketIoExchanges(this);

    private ChannelHandlerContext ctx;
    private ChannelHandlerContext out;
    private Exchange exchange;
    private boolean passthrough;
    private boolean closing;

    RelayHandler(RelaySettings settings, String socketIoContext, Duration firstDataTimeout, boolean tls) {
        this.settings = settings;
        this.socketIoPrefix = socketIoContext + "/";
        this.firstDataTimeout = firstDataTimeout;
        this.backend = new BackendExchanges(this, settings, tls);
        this.direct = new DirectExchanges(this, settings);
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
        if (queued.mustWait(exchange)) {
            queued.add(object);
            updateReading();
            return;
        }
        handle(object);
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        armBodyDeadlineIfWaiting();
        backend.link().flush();
        ctx.fireChannelReadComplete();
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        FlowControl.clientWritabilityChanged(ctx.channel(), backend.link());
        ctx.fireChannelWritabilityChanged();
    }

    /**
     * A failure of this handler or the decoder before it: the connection cannot go on in step. A peer that went away
     * is the exception listener's (it logs that quietly); anything else is logged without its message, which can quote
     * the request (a URI with its token), and the connection closed.
     */
    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof java.io.IOException) {
            ctx.fireExceptionCaught(cause);
            return;
        }
        ClientInputLog.report(ClientInputLog.kindOf(cause), "connection closed");
        closeNow();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        closing = true;
        idleTimer.cancel();
        cancelBodyDeadline();
        queued.releaseAll();
        backend.clientClosed();
        direct.clientClosed();
        socketIo.clientClosed();
    }

    private void handle(HttpObject msg) {
        if (msg instanceof FullHttpRequest full) {
            // The decoder emits one only for a message it could not read ("/bad-request", with the failure), a test
            // harness or another codec for any: split it, keeping the failure, so that it is answered, never passed on
            DefaultHttpRequest head = new DefaultHttpRequest(full.protocolVersion(), full.method(), full.uri(), full.headers());
            head.setDecoderResult(full.decoderResult());
            handle(head);
            if (closing) {
                full.release();
                return;
            }
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
            cancelBodyDeadline();
        }
        if (content.decoderResult().isFailure()) {
            // a broken body (a chunk size that is no number): nothing after it can be read in step
            content.release();
            malformedBody(ex);
            return;
        }
        switch (ex.route) {
            case SOCKET_IO -> socketIo.requestContent(ex, content);
            case BACKEND -> backend.requestContent(ex, content);
            case DIRECT -> direct.requestContent(ex, content);
            case LOCAL -> content.release();
        }
    }

    private void startExchange(HttpRequest request) {
        idleTimer.cancel();
        Route route = Route.of(request, socketIoPrefix);
        DirectRoute directRoute = route == Route.BACKEND ? direct.routeFor(request) : null;
        exchange = new Exchange(directRoute != null ? Route.DIRECT : route, request);
        cancelBodyDeadline();
        switch (exchange.route) {
            case LOCAL -> answerMalformed(request);
            case SOCKET_IO -> socketIo.start(request);
            case BACKEND -> backend.start(exchange, request);
            case DIRECT -> direct.start(exchange, request, directRoute);
        }
    }

    private void answerMalformed(HttpRequest request) {
        // The decoder discards everything after a bad message, so answer and close.
        exchange.requestDone = true;
        boolean tooLarge = request.decoderResult().cause() instanceof TooLongFrameException;
        closing = true;
        out.writeAndFlush(RelayErrors.malformedRequest(ctx.alloc(), tooLarge))
                .addListener(ChannelFutureListener.CLOSE);
    }

    /** The body did not arrive in time: {@code 408} if nothing was answered yet, and the connection closes. */
    private void bodyTooSlow(Exchange ex) {
        bodyDeadline = null;
        if (exchange != ex || ex.requestDone || closing || passthrough) {
            return;
        }
        ex.requestDone = true;
        closing = true;
        backend.clientClosed();
        direct.clientClosed();
        queued.releaseAll();
        if (ex.responseStarted) {
            ctx.channel().close();
            return;
        }
        ex.responseStarted = true;
        ex.responseDone = true;
        out.writeAndFlush(RelayErrors.requestTimeout(ctx.alloc())).addListener(ChannelFutureListener.CLOSE);
    }

    /**
     * A request whose body is still to come after what was read gets its deadline now: one that arrived whole in a
     * read (nearly every one) never schedules anything.
     */
    private void armBodyDeadlineIfWaiting() {
        Exchange ex = exchange;
        if (bodyDeadline != null || ex == null || ex.requestDone || closing || passthrough) {
            return;
        }
        bodyDeadline = ctx.executor().schedule(() -> bodyTooSlow(ex), settings.bodyTimeout().toMillis(),
                TimeUnit.MILLISECONDS);
    }

    private void cancelBodyDeadline() {
        if (bodyDeadline != null) {
            bodyDeadline.cancel(false);
            bodyDeadline = null;
        }
    }

    private void malformedBody(Exchange ex) {
        ex.requestDone = true;
        closing = true;
        backend.clientClosed();
        direct.clientClosed();
        queued.releaseAll();
        if (ex.responseStarted) {
            ctx.channel().close();
            return;
        }
        ex.responseStarted = true;
        ex.responseDone = true;
        out.writeAndFlush(RelayErrors.malformedRequest(ctx.alloc(), false)).addListener(ChannelFutureListener.CLOSE);
    }

    /** The current exchange is complete: start the next pipelined request, or wait for one. */
    void finishExchange() {
        exchange = null;
        if (closing || !ctx.channel().isActive()) {
            return;
        }
        queued.drain(() -> !closing && (exchange == null || !exchange.requestDone), this::handle);
        if (exchange == null && !closing) {
            armIdleTimer(settings.keepAliveTimeout());
        }
        // a pipelined request started here may wait for the rest of its body
        armBodyDeadlineIfWaiting();
        updateReading();
    }

    void updateReading() {
        if (passthrough || closing) {
            return;
        }
        ctx.channel().config().setAutoRead(!FlowControl.clientPaused(exchange, backend.link(), queued));
    }

    // ---- for the response tap ---------------------------------------------------------------------

    SocketIoExchanges socketIo() {
        return socketIo;
    }

    boolean isPassthrough() {
        return passthrough;
    }

    void stepOut() {
        // Websocket from now on: frames are netty-socketio's alone, the relay steps out of the way.
        passthrough = true;
        exchange = null;
        idleTimer.cancel();
        cancelBodyDeadline();
        queued.releaseAll();
        backend.link().close();
        ctx.channel().config().setAutoRead(true);
        ctx.pipeline().remove(SocketIoResponseTap.class);
        ctx.pipeline().remove(this);
    }

    // ---- connection state, for both sides --------------------------------------------------------

    ChannelHandlerContext context() {
        return ctx;
    }

    ChannelHandlerContext responses() {
        return out;
    }

    Exchange exchange() {
        return exchange;
    }

    boolean isClosing() {
        return closing;
    }

    /** The response being relayed says {@code Connection: close}: the connection ends after it. */
    void markClosing() {
        closing = true;
    }

    void closeNow() {
        closing = true;
        ctx.channel().close();
    }

    void closeWhenWritten(ChannelFuture written) {
        closing = true;
        written.addListener(ChannelFutureListener.CLOSE);
    }

    /** The last response before the connection closes is on its way; nothing behind it will be served. */
    void lastResponseWritten(ChannelFuture written) {
        written.addListener(ChannelFutureListener.CLOSE);
        exchange = null;
        queued.releaseAll();
    }

    private void armIdleTimer(Duration timeout) {
        idleTimer.arm(ctx, timeout, () -> exchange == null && !passthrough);
    }
}
