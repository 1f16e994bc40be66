package io.convro.application.shared;

import io.convro.domain.DomainException;
import io.convro.domain.ErrorCode;
import java.time.Duration;
import java.util.Objects;

/** {@code RATE_LIMITED}, carrying how long the caller should wait before trying again (the {@code Retry-After}). */
public final class RateLimitedException extends DomainException {
    private final Duration retryAfter;

    public RateLimitedException(Duration retryAfter) {
        super(ErrorCode.RATE_LIMITED, "too many requests, retry later");
        this.retryAfter = Objects.requireNonNull(retryAfter, "retryAfter");
    }

    /** How long until a retry can succeed. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
