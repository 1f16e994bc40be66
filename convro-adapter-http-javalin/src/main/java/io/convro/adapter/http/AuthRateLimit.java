package io.convro.adapter.http;

import io.convro.application.shared.RateLimit;
import io.convro.application.shared.RateLimiter;
import java.util.Objects;
import java.util.Optional;

/**
 * The limit on the public auth routes (register, login, refresh), each counted per client address: what stands
 * between the internet and password guessing or account farming.
 *
 * @param limiter where the buckets live (Redis with several nodes)
 * @param limit   the budget of one address on one route; empty turns the limit off
 */
public record AuthRateLimit(RateLimiter limiter, Optional<RateLimit> limit) {
    public AuthRateLimit {
        Objects.requireNonNull(limiter, "limiter");
        Objects.requireNonNull(limit, "limit");
    }

    /** No limit at all (tests of other behaviour, or a deployment that limits in front of Convro). */
    public static AuthRateLimit off() {
        return new AuthRateLimit((bucket, ignored) -> Optional.empty(), Optional.empty());
    }

    public static AuthRateLimit of(RateLimiter limiter, RateLimit limit) {
        return new AuthRateLimit(limiter, Optional.of(limit));
    }
}
