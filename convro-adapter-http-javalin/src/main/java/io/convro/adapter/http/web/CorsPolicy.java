package io.convro.adapter.http.web;

import io.convro.adapter.http.chain.ApiAnswer;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Function;

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

    /**
     * For every request, before routing: the CORS headers of its answer go to {@code headers}; a preflight of an
     * allowed origin is answered here ({@code 204}), else {@code null}.
     *
     * @param header the request's header by name, {@code null} when absent
     */
    public ApiAnswer apply(String method, Function<String, String> header, BiConsumer<String, String> headers) {
        if (origins.isEmpty()) {
            return null;
        }
        headers.accept("Vary", "Origin");
        String allowed = allowedOrigin(header.apply("Origin"));
        if (allowed == null) {
            return null;
        }
        headers.accept("Access-Control-Allow-Origin", allowed);
        if ("OPTIONS".equals(method) && header.apply("Access-Control-Request-Method") != null) {
            headers.accept("Access-Control-Allow-Methods", ALLOW_METHODS);
            headers.accept("Access-Control-Allow-Headers", ALLOW_HEADERS);
            headers.accept("Access-Control-Max-Age", MAX_AGE_SECONDS);
            return new ApiAnswer(204, Map.of(), null, null);
        }
        headers.accept("Access-Control-Expose-Headers", EXPOSE_HEADERS);
        return null;
    }
}
