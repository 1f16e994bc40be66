package io.convro.adapter.http.web;

import io.convro.adapter.http.AuthRateLimit;
import io.convro.application.shared.RateLimitedException;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;

/**
 * Before-handler of the public auth routes: one permit per request from the client's bucket for that route
 * ({@code login:203.0.113.7}), else {@code 429 RATE_LIMITED}. It runs before the body is read, so a refused
 * request costs no JSON parsing and no Argon2 hash. A transport concern: the key is the client address, which
 * only the HTTP adapter knows.
 */
public final class RateLimitFilter {
    private final AuthRateLimit settings;

    public RateLimitFilter(AuthRateLimit settings) {
        this.settings = settings;
    }

    /**
     * The before-handler of one route, whose requests share the buckets named {@code route:<address>}. Counts
     * POSTs only: another method on these paths is a 405 that does no work worth limiting.
     */
    public Handler forRoute(String route) {
        return ctx -> {
            if (settings.limit().isEmpty() || !HandlerType.POST.equals(ctx.method())) {
                return;
            }
            settings.limiter().tryAcquire(route + ":" + ClientAddress.of(ctx), settings.limit().get())
                    .ifPresent(wait -> {
                        throw new RateLimitedException(wait);
                    });
        };
    }
}
