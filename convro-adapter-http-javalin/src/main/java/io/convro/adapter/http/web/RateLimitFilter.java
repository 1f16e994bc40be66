package io.convro.adapter.http.web;

import io.convro.adapter.http.AuthRateLimit;
import io.convro.application.shared.RateLimitedException;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.util.Map;

/**
 * Before-handler of the public auth routes: one permit per request from the client's bucket for that route
 * ({@code login:203.0.113.7}), else {@code 429 RATE_LIMITED}. It runs before the body is read, so a refused
 * request costs no JSON parsing and no Argon2 hash. A transport concern: the key is the client address, which
 * only the HTTP adapter knows.
 */
public final class RateLimitFilter {
    private final AuthRateLimit settings;
    /** Path → the route name its buckets are named after. */
    private final Map<String, String> routes;

    /** @param routes the limited paths, each with the name of its buckets ({@code /v1/auth/login → login}) */
    public RateLimitFilter(AuthRateLimit settings, Map<String, String> routes) {
        this.settings = settings;
        this.routes = Map.copyOf(routes);
    }

    /**
     * A before-handler for every request (a map look-up, not one path pattern per limited route): requests to a
     * limited path share the buckets named {@code route:<address>}. Counts POSTs only: another method on these
     * paths is a 405 that does no work worth limiting.
     */
    public void handle(Context ctx) {
        if (settings.limit().isEmpty() || !HandlerType.POST.equals(ctx.method())) {
            return;
        }
        String route = routes.get(ctx.path());
        if (route == null) {
            return;
        }
        settings.limiter().tryAcquire(route + ":" + ClientAddress.of(ctx), settings.limit().get())
                .ifPresent(wait -> {
                    throw new RateLimitedException(wait);
                });
    }
}
