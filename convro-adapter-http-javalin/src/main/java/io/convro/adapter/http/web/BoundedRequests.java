package io.convro.adapter.http.web;

import io.convro.adapter.http.chain.ApiAnswer;
import io.convro.domain.DomainException;
import io.convro.domain.ErrorCode;
import java.nio.ByteBuffer;
import java.time.Duration;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.QoSHandler;
import org.eclipse.jetty.util.Callback;

/**
 * The bound on request threads (Jetty's {@link QoSHandler} in front of every route): at most {@code running}
 * requests are inside the routes at once, at most {@code waiting} more wait for their turn without a thread, none
 * longer than {@code maxWait}; every other is answered at once {@code 503 SERVICE_UNAVAILABLE} with
 * {@code Retry-After}, in the API's error shape. Without it, requests that wait for a dead database held every
 * request thread and the next ones queued in the thread pool without limit.
 *
 * <p>{@code /health} is never held back: it must answer within its second whatever the database does, and it
 * waits for nothing but its own time-boxed probe. The thread pool has threads beyond {@code running}, so one is free
 * for it (and for the quick decision to hold or refuse a request) even when every running request waits.
 */
public final class BoundedRequests extends QoSHandler {
    /** Requests that may wait for their turn, per request thread. */
    public static final int WAITING_PER_THREAD = 8;
    /** The longest a request waits for its turn before it is answered 503. */
    public static final Duration MAX_WAIT = Duration.ofSeconds(5);

    private final ApiAnswer unavailable;
    private ServedRequests served;

    /** @param unavailable the answer to a request beyond the bound: a 503 with its body and Retry-After */
    public BoundedRequests(int running, int waiting, Duration maxWait, ApiAnswer unavailable) {
        setMaxRequestCount(running);
        setMaxSuspendedRequestCount(waiting);
        setMaxSuspend(maxWait);
        excludePath("/health");
        this.unavailable = unavailable;
    }

    /** A bound for {@code maxThreads} request threads: that many running, eight times as many waiting, 5 s at most. */
    public static BoundedRequests forThreads(int maxThreads, ErrorMapper errors) {
        return new BoundedRequests(maxThreads, WAITING_PER_THREAD * maxThreads, MAX_WAIT, errors.answer("-", "-",
                new DomainException(ErrorCode.SERVICE_UNAVAILABLE, "the server is busy, retry shortly")));
    }

    /**
     * As {@link #forThreads(int, ErrorMapper)}, each refusal timed and logged with the routes' requests (route
     * {@link ServedRequests#UNKNOWN}: it is refused before any route is matched).
     */
    public static BoundedRequests forThreads(int maxThreads, ErrorMapper errors, ServedRequests served) {
        BoundedRequests bounded = forThreads(maxThreads, errors);
        bounded.served = served;
        return bounded;
    }

    @Override
    protected void reject(Request request, Response response, Callback callback, int status) {
        answerUnavailable(response, callback);
        refused(request);
    }

    @Override
    protected void failSuspended(Request request, Response response, Callback callback, int status, Throwable failure) {
        if (status == HttpStatus.SERVICE_UNAVAILABLE_503 && !response.isCommitted()) {
            answerUnavailable(response, callback);
            refused(request);
        } else {
            super.failSuspended(request, response, callback, status, failure);
        }
    }

    private void refused(Request request) {
        if (served != null) {
            served.served(request.getMethod(), ServedRequests.UNKNOWN, unavailable.status(),
                    System.nanoTime() - request.getBeginNanoTime(), Request.getRemoteAddr(request), null);
        }
    }

    /** As the routes answer: the API's error body, Retry-After, and the headers every answer carries. */
    private void answerUnavailable(Response response, Callback callback) {
        response.setStatus(unavailable.status());
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.getHeaders().put(HttpHeader.RETRY_AFTER, unavailable.retryAfter());
        response.getHeaders().put(SecurityHeaders.NOSNIFF_NAME, SecurityHeaders.NOSNIFF_VALUE);
        response.getHeaders().put("X-Frame-Options", "DENY");
        response.getHeaders().put("Referrer-Policy", "no-referrer");
        response.write(true, ByteBuffer.wrap(unavailable.body()), callback);
    }
}
