package io.convro.adapter.http.web;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.util.Collection;
import java.util.Set;

/**
 * Cross-origin access for browser apps served from the origins in {@code CONVRO_CORS_ORIGINS} (none by default).
 * A request whose {@code Origin} is listed gets {@code Access-Control-Allow-Origin} with that origin (never
 * {@code *}, never credentials: the API authenticates with a bearer token, not cookies), and its preflight
 * ({@code OPTIONS} with {@code Access-Control-Request-Method}) is answered {@code 204} here, before any route, token
 * or rate limit. Any other origin gets no CORS header at all, and its preflight is what an {@code OPTIONS} always
 * was: {@code 405 METHOD_NOT_ALLOWED}, so the browser refuses the call.
 */
public final class CorsPolicy {
    public static final String ALLOW_METHODS = "GET, HEAD, POST, DELETE";
    /** Every request header the API reads from a browser app. */
    public static final String ALLOW_HEADERS = "Authorization, Content-Type";
    /** What a script may read besides the simple headers: when to come back after a 429 or 503. */
    public static final String EXPOSE_HEADERS = "Retry-After";
    /** Ten minutes: browsers cap it anyway (Chromium at two hours), and a changed list takes effect soon. */
    public static final String MAX_AGE_SECONDS = "600";

    private final Set<String> origins;

    private CorsPolicy(Set<String> origins) {
        this.origins = Set.copyOf(origins);
    }

    /** Browser apps of these origins ({@code https://app.example.com}: scheme, host and port as browsers send them). */
    public static CorsPolicy of(Collection<String> origins) {
        return new CorsPolicy(Set.copyOf(origins));
    }

    public static CorsPolicy none() {
        return new CorsPolicy(Set.of());
    }

    /** {@code origin} if it is allowed, else {@code null}: the value of {@code Access-Control-Allow-Origin}. */
    public String allowedOrigin(String origin) {
        return origin != null && origins.contains(origin) ? origin : null;
    }

    public boolean isEmpty() {
        return origins.isEmpty();
    }

    /** A before-handler for every request. */
    public void handle(Context ctx) {
        if (origins.isEmpty()) {
            return;
        }
        ctx.header("Vary", "Origin");
        String allowed = allowedOrigin(ctx.header("Origin"));
        if (allowed == null) {
            return;
        }
        ctx.header("Access-Control-Allow-Origin", allowed);
        if (ctx.method() == HandlerType.OPTIONS && ctx.header("Access-Control-Request-Method") != null) {
            ctx.header("Access-Control-Allow-Methods", ALLOW_METHODS);
            ctx.header("Access-Control-Allow-Headers", ALLOW_HEADERS);
            ctx.header("Access-Control-Max-Age", MAX_AGE_SECONDS);
            ctx.status(204);
            ctx.skipRemainingHandlers();
            return;
        }
        ctx.header("Access-Control-Expose-Headers", EXPOSE_HEADERS);
    }
}
