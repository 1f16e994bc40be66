package io.convro.adapter.http;

import io.convro.application.shared.RateLimit;
import io.convro.application.shared.RateLimiter;
import java.util.Objects;
import java.util.Optional;

/**
 * The limits counted per client address, which only the HTTP adapter knows: the public auth routes (register,
 * login, refresh; what stands between the internet and password guessing or account farming), and look-ups of
 * users (enumeration from one address through many accounts). Limits per caller live in the use cases.
 *
 * @param limiter where the buckets live (Redis with several nodes)
 * @param auth    the budget of one address on each auth route; empty turns the limit off
 * @param resolve the budget of one address on {@code GET /v1/users/resolve}; empty turns the limit off
 */
public record AddressRateLimits(RateLimiter limiter, Optional<RateLimit> auth, Optional<RateLimit> resolve) {
    public AddressRateLimits {
        Objects.requireNonNull(limiter, "limiter");
        Objects.requireNonNull(auth, "auth");
        Objects.requireNonNull(resolve, "resolve");
    }

    /** No limit at all (tests of other behaviour, or a deployment that limits in front of Convro). */
    public static AddressRateLimits off() {
        return new AddressRateLimits((bucket, ignored) -> Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** Only the auth routes limited. */
    public static AddressRateLimits of(RateLimiter limiter, RateLimit auth) {
        return new AddressRateLimits(limiter, Optional.of(auth), Optional.empty());
    }
}
