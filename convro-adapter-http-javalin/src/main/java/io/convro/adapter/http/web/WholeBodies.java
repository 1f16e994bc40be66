package io.convro.adapter.http.web;

import io.convro.adapter.http.chain.ApiAnswer;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpHeaderValue;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * A request's body is read whole, without a thread, before the request goes on to the routes (and their bound on
 * request threads): 24 connections that sent a head and then a byte a second held every request thread, and every
 * route but {@code /health} waited behind them. The body must arrive within {@code timeout} ({@code 408
 * REQUEST_TIMEOUT} otherwise) and within its route's limit ({@link BodyLimit}: {@code 413 PAYLOAD_TOO_LARGE}, after
 * reading and dropping up to 4 MiB, so that a client still sending sees the answer); a broken chunked body is
 * {@code 400 BAD_REQUEST}. Each of these answers closes the connection.
 *
 * <p>Javalin's alone (the two-port mode): the one public port gathers its bodies itself, with the same deadline.
 */
public final class WholeBodies extends Handler.Wrapper {
    private final Duration timeout;
    private final ErrorMapper errors;

    public WholeBodies(Handler next, Duration timeout, ErrorMapper errors) {
        super(next);
        this.timeout = timeout;
        this.errors = errors;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        if (!hasBody(request)) {
            return super.handle(request, response, callback);
        }
        int limit = BodyLimit.bytesFor(Request.getPathInContext(request));
        if (request.getLength() > limit) {
            return super.handle(request, response, callback); // refused by its declared length before anything is read
        }
        new Gathering(request, response, callback, limit).start();
        return true;
    }

    private static boolean hasBody(Request request) {
        long length = request.getLength();
        return length > 0 || (length < 0 && request.getHeaders().contains(HttpHeader.TRANSFER_ENCODING));
    }

    /** One body being read; its callbacks come from Jetty's threads and its scheduler, one at a time or settled. */
    private final class Gathering implements Runnable {
        private final Request request;
        private final Response response;
        private final Callback callback;
        private final int limit;
        private final AtomicBoolean settled = new AtomicBoolean();
        private byte[] body;
        private int length;
        private long dropped;
        private Scheduler.Task deadline;

        Gathering(Request request, Response response, Callback callback, int limit) {
            this.request = request;
            this.response = response;
            this.callback = callback;
            this.limit = limit;
            long declared = request.getLength();
            this.body = new byte[declared > 0 ? (int) declared : Math.min(limit, 4096)];
        }

        void start() {
            deadline = request.getComponents().getScheduler().schedule(this::tooSlow, timeout.toMillis(), TimeUnit.MILLISECONDS);
            run();
        }

        @Override
        public void run() {
            while (!settled.get()) {
                Content.Chunk chunk = request.read();
                if (chunk == null) {
                    request.demand(this);
                    return;
                }
                if (Content.Chunk.isFailure(chunk)) {
                    refuse(400);
                    return;
                }
                ByteBuffer bytes = chunk.getByteBuffer();
                int size = bytes.remaining();
                boolean last = chunk.isLast();
                if (dropped > 0 || length + size > limit) {
                    dropped += size;
                    length = 0;
                    body = null;
                } else {
                    if (length + size > body.length) {
                        body = Arrays.copyOf(body, Math.min(limit, Math.max(length + size, 2 * body.length)));
                    }
                    bytes.get(body, length, size);
                    length += size;
                }
                chunk.release();
                if (dropped > 0 && (last || dropped > BodyLimit.DRAIN_LIMIT_BYTES)) {
                    refuse(413);
                    return;
                }
                if (last) {
                    whole();
                    return;
                }
            }
        }

        private void whole() {
            if (!settled.compareAndSet(false, true)) {
                return;
            }
            deadline.cancel();
            Request gathered = new GatheredRequest(request, ByteBuffer.wrap(body, 0, length));
            request.getComponents().getExecutor().execute(() -> {
                try {
                    if (!getHandler().handle(gathered, response, callback)) {
                        Response.writeError(gathered, response, callback, 404);
                    }
                } catch (Throwable failure) {
                    Response.writeError(gathered, response, callback, failure);
                }
            });
        }

        private void tooSlow() {
            refuse(408);
        }

        private void refuse(int status) {
            if (!settled.compareAndSet(false, true)) {
                return;
            }
            if (deadline != null) {
                deadline.cancel();
            }
            ApiAnswer answer = errors.forStatus(status);
            response.setStatus(answer.status());
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
            response.getHeaders().put(SecurityHeaders.NOSNIFF_NAME, SecurityHeaders.NOSNIFF_VALUE);
            response.getHeaders().put("X-Frame-Options", "DENY");
            response.getHeaders().put("Referrer-Policy", "no-referrer");
            response.getHeaders().put(HttpHeader.CONNECTION, HttpHeaderValue.CLOSE.asString());
            response.write(true, ByteBuffer.wrap(answer.body()), callback);
        }
    }

    /** The request with its body read already: served at once, in one piece. */
    private static final class GatheredRequest extends Request.Wrapper {
        private volatile ByteBuffer remaining;

        GatheredRequest(Request request, ByteBuffer body) {
            super(request);
            this.remaining = body;
        }

        @Override
        public Content.Chunk read() {
            ByteBuffer body = remaining;
            if (body == null) {
                return Content.Chunk.EOF;
            }
            remaining = null;
            return Content.Chunk.from(body, true);
        }

        @Override
        public void demand(Runnable demandCallback) {
            demandCallback.run();
        }
    }
}
