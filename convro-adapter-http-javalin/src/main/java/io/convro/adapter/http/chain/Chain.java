package io.convro.adapter.http.chain;

import io.convro.adapter.http.web.BodyLimit;
import io.convro.adapter.http.web.ClientAddress;
import io.convro.adapter.http.web.CorsPolicy;
import io.convro.adapter.http.web.ErrorMapper;
import io.convro.adapter.http.web.MalformedTargets;
import io.convro.adapter.http.web.SecurityHeaders;
import io.convro.adapter.http.web.ServedRequests;
import io.convro.application.auth.AuthenticateTokenUseCase;
import io.convro.application.shared.BoundedWork;
import io.convro.application.shared.Caller;
import io.convro.application.shared.RateLimit;
import io.convro.application.shared.RateLimitedException;
import io.convro.application.shared.RateLimiter;
import io.convro.domain.DomainException;
import io.convro.domain.ErrorCode;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * The one request pipeline of the REST API: every cross-cutting concern exists here once, and every route, in both
 * port modes, goes through it. In order: the headers every answer carries ({@link SecurityHeaders}, CORS), a
 * malformed request target ({@code 400}), a CORS preflight ({@code 204}, before any limit or token), a declared body
 * over its path's limit ({@code 413}), then, once a route matched, its budget per client address ({@code 429}), the
 * bearer token ({@code 401}), the route itself (body read within its limit and validated), and the one error mapper
 * for whatever went wrong. A binding either calls {@link #admit} and {@link #serve} around its own routing and
 * request line (Javalin), or {@link #answer} for all of it (a caller that parsed the request itself: the one public
 * port, {@link #answerGathered}).
 */
public final class Chain {
    private static final String BEARER = "bearer ";
    private static final String STOPPING = "the server is stopping";

    private final RouteTable table;
    private final ErrorMapper errors;
    private final CorsPolicy cors;
    private final MalformedTargets malformed;
    private final RateLimiter limiter;
    private final Map<PerAddressLimit, RateLimit> limits;
    private final AuthenticateTokenUseCase authenticate;
    private final ServedRequests served;
    private final ClientAddress clientAddress;
    private final BoundedWork blockingWork;
    private final AtomicInteger inFlight = new AtomicInteger();
    private volatile boolean accepting = true;

    /**
     * @param limits       the budgets per client address that are on (a route whose kind is absent is not limited)
     * @param clientAddress who the client of a request the public port gathered is ({@code X-Forwarded-For})
     * @param blockingWork where a caller that must not wait (an event loop) has a token checked against the store,
     *                     or a blocking route run: bounded, beyond it {@code 503}
     */
    public Chain(RouteTable table, ErrorMapper errors, CorsPolicy cors, RateLimiter limiter,
                 Map<PerAddressLimit, RateLimit> limits, AuthenticateTokenUseCase authenticate, ServedRequests served,
                 ClientAddress clientAddress, BoundedWork blockingWork) {
        this.table = table;
        this.errors = errors;
        this.cors = cors;
        this.malformed = new MalformedTargets(errors);
        this.limiter = limiter;
        this.limits = Map.copyOf(limits);
        this.authenticate = authenticate;
        this.served = served;
        this.clientAddress = clientAddress;
        this.blockingWork = blockingWork;
    }

    public RouteTable table() {
        return table;
    }

    /** The one error mapper, for a binding's own answers (a framework's 404 and 405). */
    public ErrorMapper errors() {
        return errors;
    }

    /** Who a request's client is, behind the trusted proxies. */
    public ClientAddress clientAddress() {
        return clientAddress;
    }

    /** Where every answered request is timed and logged. */
    public ServedRequests served() {
        return served;
    }

    /**
     * Before routing, for every request: the headers every answer carries go to {@code everyAnswer}; the answer when
     * the request ends here (a malformed target, a CORS preflight, a declared body over the limit), else {@code null}.
     */
    public ApiAnswer admit(ApiRequest request, BiConsumer<String, String> everyAnswer) {
        SecurityHeaders.apply(everyAnswer);
        ApiAnswer refused = malformed.check(request.path(), request.rawQuery());
        if (refused != null) {
            return refused;
        }
        ApiAnswer preflight = cors.apply(request.method(), request::header, everyAnswer);
        if (preflight != null) {
            return preflight;
        }
        return withinLimit(request);
    }

    /**
     * A declared length over the path's limit is refused before anything is parsed; a body of moderate size is
     * drained first (closing while the client still sends makes its TCP stack drop the answer). A streamed body on a
     * route that reads none (GET, DELETE) is read and dropped here, so that it answers 413 past the limit exactly as
     * a route that reads its body does.
     */
    private ApiAnswer withinLimit(ApiRequest request) {
        int limit = BodyLimit.bytesFor(request.path());
        long declared = request.declaredLength();
        if (declared > limit) {
            if (declared <= BodyLimit.DRAIN_LIMIT_BYTES) {
                request.discardBody();
            }
            return failure(request, BodyLimit.tooLarge(limit));
        }
        if (declared < 0 && !"POST".equals(request.method()) && request.header("Transfer-Encoding") != null) {
            try {
                request.body();
            } catch (DomainException refused) {
                if (refused.code() == ErrorCode.PAYLOAD_TOO_LARGE) {
                    return failure(request, refused);
                }
                // a body cut short: nothing left to answer; the route's answer goes nowhere
            }
        }
        return null;
    }

    /**
     * A matched route: its budget per address, its token, the route, the error mapper. Never fails: every outcome is
     * an answer.
     *
     * @param mayWait whether the calling thread may wait (a request thread) or not (an event loop: then a blocking
     *                route, and a token this node must read, run on the bounded pool)
     */
    public CompletionStage<ApiAnswer> serve(Route route, ApiRequest request, boolean mayWait) {
        CompletionStage<ApiAnswer> answer;
        try {
            if (!mayWait && route.blocks()) {
                answer = blockingWork.supply(() -> serveNow(route, request)).thenCompose(Function.identity());
            } else if (!mayWait && route.access() == Access.BEARER) {
                // at once when this node knows the device; else one read per device, however many of its sends wait
                answer = authenticate.authenticateSoon(bearerToken(request.header("Authorization")), blockingWork)
                        .thenCompose(checked -> run(route, request, checked));
            } else {
                answer = serveNow(route, request);
            }
        } catch (RuntimeException refused) {
            return CompletableFuture.completedFuture(failure(request, refused));
        }
        return answer.handle((done, failed) -> failed == null ? done : failure(request, failed));
    }

    /** On a thread that may wait: the limit per address, the token, the route. */
    private CompletionStage<ApiAnswer> serveNow(Route route, ApiRequest request) {
        if (route.limit() != null) {
            RateLimit limit = limits.get(route.limit());
            if (limit != null) {
                limiter.tryAcquire(route.limitBucket() + ":" + request.client(), limit).ifPresent(wait -> {
                    throw new RateLimitedException(wait);
                });
            }
        }
        Caller caller = route.access() == Access.PUBLIC ? null
                : authenticate.authenticate(bearerToken(request.header("Authorization")));
        return run(route, request, caller);
    }

    /**
     * Only the token check of {@code route} (a binding that answers the request itself without running the route:
     * Javalin's {@code HEAD} of a {@code GET}); throws the rejection.
     */
    public void checkToken(Route route, ApiRequest request) {
        if (route.access() == Access.BEARER) {
            request.authenticated(authenticate.authenticate(bearerToken(request.header("Authorization"))));
        }
    }

    private static CompletionStage<ApiAnswer> run(Route route, ApiRequest request, Caller caller) {
        if (caller != null) {
            request.authenticated(caller);
        }
        return route.handler().answer(request, caller);
    }

    /**
     * All of it, for a caller that parsed the request itself and writes the answer (the one public port, on its event
     * loop): admission, routing ({@code 404}, {@code 405}; {@code HEAD} of a {@code GET} route is that route, its body
     * not sent), {@link #serve}, and the request line. Never
     * waits on the calling thread and never fails. After {@link #stopAccepting()} every request is answered
     * {@code 503}; {@link #inFlight()} tells when those accepted are answered.
     */
    public CompletionStage<ApiAnswer> answer(ApiRequest request) {
        long started = System.nanoTime();
        Map<String, String> everyAnswer = new LinkedHashMap<>(8);
        inFlight.incrementAndGet();
        if (!accepting) {
            inFlight.decrementAndGet();
            ApiAnswer stopping = failure(request, new DomainException(ErrorCode.SERVICE_UNAVAILABLE, STOPPING));
            served.served(request.method(), request.path(), stopping.status(), System.nanoTime() - started,
                    request.client(), null);
            return CompletableFuture.completedFuture(stopping);
        }
        ApiAnswer early = admit(request, everyAnswer::put);
        String template;
        CompletionStage<ApiAnswer> answer;
        if (early != null) {
            template = ServedRequests.UNKNOWN;
            answer = CompletableFuture.completedFuture(early);
        } else {
            RouteTable.Match match = table.match(request.method(), request.path());
            if (match instanceof RouteTable.Match.Found found) {
                template = found.route().path();
                answer = serve(found.route(), request.withPathParams(found.pathParams()), false);
            } else if ("HEAD".equals(request.method())
                    && table.match("GET", request.path()) instanceof RouteTable.Match.Found get) {
                // HEAD of a GET route: the GET, whose body the binding does not send
                template = get.route().path();
                answer = serve(get.route(), request.withPathParams(get.pathParams()), false);
            } else if (match instanceof RouteTable.Match.MethodNotAllowed) {
                template = ServedRequests.UNKNOWN;
                answer = CompletableFuture.completedFuture(failure(request, new DomainException(
                        ErrorCode.METHOD_NOT_ALLOWED, "method " + request.method() + " is not allowed on " + request.path())));
            } else {
                template = ServedRequests.NOT_FOUND;
                answer = CompletableFuture.completedFuture(failure(request, new DomainException(ErrorCode.NOT_FOUND,
                        "no route " + request.method() + " " + request.path())));
            }
        }
        return answer.thenApply(done -> {
            inFlight.decrementAndGet();
            Caller caller = request.caller();
            served.served(request.method(), template, done.status(), System.nanoTime() - started, request.client(),
                    caller == null ? null : caller.deviceId());
            return done.after(everyAnswer);
        });
    }

    /**
     * {@link #answer} for a request the one public port parsed and gathered whole (JDK types only): its client is the
     * one its {@code X-Forwarded-For} names (the port appends the peer it saw).
     *
     * @param rawQuery the query as sent, {@code null} without one
     * @param header   a header's value by name (case-insensitive), {@code null} when absent
     * @param body     the whole body, within the path's limit
     */
    public CompletionStage<ApiAnswer> answerGathered(String method, String path, String rawQuery,
                                                     Function<String, String> header, byte[] body) {
        return answer(new ApiRequest(method, path, rawQuery, header, QueryString.lazy(rawQuery), body.length, ApiRequest.Body.of(body), () -> clientAddress.ofGathered(header.apply(ClientAddress.FORWARDED_FOR))));
    }

    /**
     * The answer to a request refused before it is one (the public port's own refusals: not valid HTTP, a body too
     * slow or too large, the port's bodies budget spent), from the same error mapper, with the headers every answer
     * carries.
     *
     * @param path the request's path when known ({@code 413}: its limit is named), else {@code null}
     */
    public ApiAnswer refusal(int status, String path) {
        ApiAnswer answer = status == 413 && path != null
                ? errors.answer("-", path, BodyLimit.tooLarge(path)) : errors.forStatus(status);
        Map<String, String> headers = new LinkedHashMap<>(4);
        SecurityHeaders.apply(headers::put);
        return answer.after(headers);
    }

    /** The one error mapper: {@code failure} (a rejection, or anything unexpected) as the answer to {@code request}. */
    public ApiAnswer failure(ApiRequest request, Throwable failure) {
        Throwable cause = failure instanceof CompletionException wrapped && wrapped.getCause() != null
                ? wrapped.getCause() : failure;
        return errors.answer(request.method(), request.path(), cause);
    }

    /** From now on {@link #answer} answers {@code 503}; those accepted before are still answered. */
    public void stopAccepting() {
        accepting = false;
    }

    /** Requests {@link #answer} accepted and has not answered yet. */
    public int inFlight() {
        return inFlight.get();
    }

    /** The access token of an {@code Authorization: Bearer <token>} header; {@code UNAUTHORIZED} without one. */
    public static String bearerToken(String header) {
        // the scheme is case-insensitive (RFC 7235); the token itself is passed on untouched
        if (header == null || header.length() <= BEARER.length()
                || !header.substring(0, BEARER.length()).toLowerCase(Locale.ROOT).equals(BEARER)) {
            throw new DomainException(ErrorCode.UNAUTHORIZED, "Authorization: Bearer <accessToken> is required");
        }
        String token = header.substring(BEARER.length()).trim();
        if (token.isEmpty()) {
            throw new DomainException(ErrorCode.UNAUTHORIZED, "Authorization: Bearer <accessToken> is required");
        }
        return token;
    }
}
