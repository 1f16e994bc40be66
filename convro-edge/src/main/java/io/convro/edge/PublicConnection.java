package io.convro.edge;

import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One client connection of the public port: each HTTP request goes either on to netty-socketio (path under the
 * Socket.IO context) or, gathered whole, to the {@link RestApi}, one request at a time so answers leave in request
 * order. Everything runs on the connection's event loop, so no state here needs synchronisation.
 *
 * <p>A REST body is gathered within the path's limit and the node's {@link GatheredBodies}, and must arrive within
 * the body deadline ({@code 408} otherwise). Reading stops while the client does not read its answers and while
 * requests pipelined behind the current one pile up ({@code autoRead}), so nothing is buffered without a bound.
 *
 * <p>This class holds the connection's state and sequences its exchanges; the split is {@link Route}, the waiting
 * requests {@link PipelinedRequests}, the sides {@link SocketIoExchanges} and {@link RestExchanges}.
 */
final class PublicConnection extends ChannelInboundHandlerAdapter {

    private final EdgeSettings settings;
    private final String socketIoPrefix;
    private final Duration firstDataTimeout;
    private final PipelinedRequests queued = new PipelinedRequests();
    private final IdleConnectionTimer idleTimer = new IdleConnectionTimer();
    /** The current request's body deadline ({@link EdgeSettings#bodyTimeout()}). */
    private ScheduledFuture<?> bodyDeadline;
    private final RestExchanges rest;
    private final SocketIoExchanges socketIo = new SocketIoExchanges(this);

    private ChannelHandlerContext ctx;
    private ChannelHandlerContext out;
    private Exchange exchange;
    private boolean passthrough;
    private boolean closing;

    PublicConnection(EdgeSettings settings, String socketIoContext, Duration firstDataTimeout) {
        this.settings = settings;
        this.socketIoPrefix = socketIoContext + "/";
        this.firstDataTimeout = firstDataTimeout;
        this.rest = new RestExchanges(this, settings);
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
        ctx.fireChannelReadComplete();
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        updateReading();
        ctx.fireChannelWritabilityChanged();
    }

    /**
     * A failure of this handler or the decoder before it: the connection cannot go on in step. It goes on to the
     * pipeline's end, where netty-socketio's exception listener logs it without its message (which can quote the
     * request: a URI with its token), and the connection closes.
     */
    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        closing = true;
        ctx.fireExceptionCaught(cause);
        ctx.channel().close();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        closing = true;
        idleTimer.cancel();
        cancelBodyDeadline();
        queued.releaseAll();
        rest.clientClosed();
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
            rest.clientClosed();
            answerAndClose(ex, WireAnswers.refusal(settings.rest(), 400, null));
            return;
        }
        switch (ex.route) {
            case SOCKET_IO -> socketIo.requestContent(ex, content);
            case REST -> rest.requestContent(ex, content);
            case REFUSED -> content.release();
        }
    }

    private void startExchange(HttpRequest request) {
        idleTimer.cancel();
        exchange = new Exchange(Route.of(request, socketIoPrefix), request);
        cancelBodyDeadline();
        switch (exchange.route) {
            case REFUSED -> refuseMalformed(request);
            case SOCKET_IO -> socketIo.start(request);
            case REST -> rest.start(exchange, request);
        }
    }

    private void refuseMalformed(HttpRequest request) {
        // The decoder discards everything after a bad message, so answer and close.
        boolean tooLarge = request.decoderResult().cause() instanceof TooLongFrameException;
        answerAndClose(exchange, WireAnswers.refusal(settings.rest(), tooLarge ? 413 : 400, null));
    }

    /** The body did not arrive in time: {@code 408} if nothing was answered yet, and the connection closes. */
    private void bodyTooSlow(Exchange ex) {
        bodyDeadline = null;
        if (exchange != ex || ex.requestDone || closing || passthrough) {
            return;
        }
        rest.clientClosed();
        answerAndClose(ex, WireAnswers.refusal(settings.rest(), 408, null));
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

    /**
     * End the exchange and the connection: {@code answer} if nothing of a response went out yet (else it is
     * released and the connection just closes), nothing more read.
     */
    void answerAndClose(Exchange ex, FullHttpResponse answer) {
        ex.requestDone = true;
        closing = true;
        queued.releaseAll();
        if (ex.responseStarted) {
            answer.release();
            ctx.channel().close();
            return;
        }
        ex.responseStarted = true;
        ex.responseDone = true;
        out.writeAndFlush(answer).addListener(ChannelFutureListener.CLOSE);
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
        ctx.channel().config().setAutoRead(!FlowControl.clientPaused(ctx.channel().isWritable(), queued));
    }

    // ---- for the response tap ---------------------------------------------------------------------

    SocketIoExchanges socketIo() {
        return socketIo;
    }

    boolean isPassthrough() {
        return passthrough;
    }

    void stepOut() {
        // Websocket from now on: frames are netty-socketio's alone, the port steps out of the way.
        passthrough = true;
        exchange = null;
        idleTimer.cancel();
        cancelBodyDeadline();
        queued.releaseAll();
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

    RestApi rest() {
        return settings.rest();
    }

    Exchange exchange() {
        return exchange;
    }

    boolean isClosing() {
        return closing;
    }

    /** The answer being written says {@code Connection: close}: the connection ends after it. */
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

    /** The last answer before the connection closes is on its way; nothing behind it will be served. */
    void lastResponseWritten(ChannelFuture written) {
        written.addListener(ChannelFutureListener.CLOSE);
        exchange = null;
        queued.releaseAll();
    }

    private void armIdleTimer(Duration timeout) {
        idleTimer.arm(ctx, timeout, () -> exchange == null && !passthrough);
    }
}
