package io.convro.adapter.socketio.relay;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.util.ReferenceCountUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The exchanges the REST backend answers: the request streamed onto the connection's {@link BackendLink},
 * the response streamed back through the relay's response context, and a 503 when the backend fails
 * before its response started. Events of the link arrive here through its {@link BackendHandler}.
 */
final class BackendExchanges {

    // The relay's logger: these warnings keep the category they were always logged under.
    private static final Logger log = LoggerFactory.getLogger(RelayHandler.class);

    private final RelayHandler relay;
    private final RelaySettings settings;
    private final boolean tls;
    private final BackendLink link;
    private final OversizedBodies oversized;
    private final GatheredBodies gathered;

    BackendExchanges(RelayHandler relay, RelaySettings settings, boolean tls) {
        this.relay = relay;
        this.settings = settings;
        this.tls = tls;
        this.link = settings.inProcess() != null ? new InProcessBackendLink(settings.inProcess(), relay, this)
                : new TcpBackendLink(settings, relay, this);
        this.oversized = new OversizedBodies(relay);
        this.gathered = settings.gatheredBodies();
    }

    BackendLink link() {
        return link;
    }

    void start(Exchange ex, HttpRequest request) {
        ex.bodyLimit = settings.bodyLimitOf(new QueryStringDecoder(request.uri()).path());
        if (HttpUtil.getContentLength(request, -1L) > ex.bodyLimit) {
            // declared too large: the backend never sees it
            oversized.reject(ex, request);
            return;
        }
        HttpRequest head = RelayHeaders.toBackend(request, relay.context().channel().remoteAddress(), tls,
                settings.defaultHost());
        if (HttpUtil.is100ContinueExpected(request)) {
            // the body is gathered here, so "go on" is the relay's to say (when one is to come); the backend gets it
            // whole, and no Expect
            head.headers().remove(HttpHeaderNames.EXPECT);
            if (HttpUtil.getContentLength(request, -1L) != 0) {
                relay.responses().writeAndFlush(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.CONTINUE));
            }
        }
        // held until the body is complete: a request thread is taken only for a request that is all there
        ex.heldHead = head;
    }

    void requestContent(Exchange ex, HttpContent content) {
        if (ex.rejected) {
            oversized.drain(ex, content);
            return;
        }
        if (content.decoderResult().isFailure()) {
            // A broken chunk: the request cannot be completed; neither link can be resynchronised.
            content.release();
            ex.releaseHeld();
            link.close();
            fail(ex);
            return;
        }
        int size = content.content().readableBytes();
        if (ex.bodyBytes + size > ex.bodyLimit) {
            // streamed past the limit (a chunked body declares no length): nothing beyond it is passed on
            if (ex.responseStarted || ex.responseDone) {
                ex.bodyBytes += size;
                content.release();
                return;
            }
            ex.responseDone = true;
            ex.releaseHeld();
            link.discardBacklog();
            link.close();
            oversized.reject(ex, null);
            oversized.drain(ex, content);
            return;
        }
        ex.bodyBytes += size;
        if (ex.responseDone) {
            // The backend answered early (e.g. 401) and the connection closes after that answer.
            content.release();
            return;
        }
        if (ex.heldHead != null && hold(ex, content)) {
            return;
        }
        link.send(content);
    }

    /**
     * Gathers {@code content} behind the held head; on the last part (or when the node's budget for gathered bodies is
     * spent: then this request streams on as before) sends what was gathered. Whether {@code content} was taken.
     */
    private boolean hold(Exchange ex, HttpContent content) {
        boolean last = content instanceof LastHttpContent;
        int size = content.content().readableBytes();
        if (!last && !gathered.tryTake(size)) {
            sendHeld(ex, null);
            return false;
        }
        if (size > 0 && !last) {
            if (ex.heldBody == null) {
                ex.heldBody = relay.context().alloc().buffer((int) Math.min(Math.max(size, 256), ex.bodyLimit));
                ex.heldBudget = gathered;
            }
            ex.heldBody.writeBytes(content.content());
            ex.heldBytes += size;
            content.release();
            return true;
        }
        if (!last) {
            content.release();
            return true;
        }
        sendHeld(ex, (LastHttpContent) content);
        return true;
    }

    /** Sends the held head and body; {@code last} completes the request (then it is sent too), {@code null} streams on. */
    private void sendHeld(Exchange ex, LastHttpContent last) {
        HttpRequest head = ex.heldHead;
        ex.heldHead = null;
        link.send(head);
        ByteBuf body = ex.heldBody;
        ex.heldBody = null;
        ex.returnHeldBudget();
        if (last == null) {
            if (body != null) {
                link.send(new DefaultHttpContent(body));
            }
            return;
        }
        if (body == null) {
            link.send(last);
            return;
        }
        if (last.content().isReadable()) {
            body.writeBytes(last.content());
        }
        LastHttpContent whole = new DefaultLastHttpContent(body);
        whole.trailingHeaders().set(last.trailingHeaders());
        last.release();
        link.send(whole);
    }

    void onMessage(Object backend, HttpObject msg) {
        Exchange ex = relay.exchange();
        if (!link.owns(backend) || ex == null || !ex.isBackend() || ex.responseDone) {
            // Nothing asked for this: the link is out of step, never reuse it.
            ReferenceCountUtil.release(msg);
            if (link.owns(backend)) {
                link.close();
            } else if (backend instanceof Channel stale) {
                stale.close();
            }
            return;
        }
        ChannelHandlerContext out = relay.responses();
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
                    relay.markClosing();
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
                FlowControl.chunkRelayed(relay.context().channel(), link);
                return;
            }
            ex.responseDone = true;
            ChannelFuture written = out.writeAndFlush(content);
            if (!ex.backendKeepAlive || !ex.requestDone) {
                link.close();
            }
            if (relay.isClosing()) {
                relay.lastResponseWritten(written);
            } else if (ex.requestDone) {
                relay.finishExchange();
            }
        }
    }

    void onReadComplete(Object backend) {
        if (link.owns(backend)) {
            relay.responses().flush();
        }
    }

    void onWritabilityChanged(Object backend) {
        if (link.owns(backend)) {
            relay.updateReading();
        }
    }

    void onIdle(Channel backend) {
        Exchange ex = relay.exchange();
        if (!link.owns(backend) || ex == null || !ex.isBackend()) {
            backend.close();
        }
    }

    void onClosed(Object backend) {
        if (!link.forget(backend)) {
            return;
        }
        Exchange ex = relay.exchange();
        if (ex != null && ex.isBackend() && !ex.responseDone && !relay.isClosing()) {
            log.warn("REST backend {} closed the link before its response was complete", settings.describeBackend());
            fail(ex);
        } else {
            relay.updateReading();
        }
    }

    /** Called by the link when it could not connect; it has already dropped what waited for it. */
    void onUnreachable() {
        log.warn("REST backend {} unreachable; answering 503", settings.describeBackend());
        Exchange ex = relay.exchange();
        if (ex != null && ex.isBackend()) {
            fail(ex);
        }
    }

    /** The backend failed this exchange: 503 if nothing was sent yet, otherwise the client sees a cut. */
    private void fail(Exchange ex) {
        ex.responseDone = true;
        link.discardBacklog();
        if (ex.responseStarted) {
            relay.closeNow();
            return;
        }
        boolean keep = ex.keepAlive && ex.requestDone;
        ChannelFuture written = relay.responses().writeAndFlush(
                RelayErrors.backendUnavailable(relay.context().alloc(), keep));
        if (!keep) {
            relay.closeWhenWritten(written);
            return;
        }
        relay.finishExchange();
    }

    /** The client connection is gone or no longer needs the backend: drop the link and what waits for it. */
    void clientClosed() {
        Exchange ex = relay.exchange();
        if (ex != null) {
            ex.releaseHeld();
        }
        link.discardBacklog();
        link.close();
    }
}
