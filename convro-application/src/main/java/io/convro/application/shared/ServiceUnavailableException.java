package io.convro.application.shared;

import io.convro.domain.DomainException;
import io.convro.domain.ErrorCode;
import java.time.Duration;
import java.util.Objects;

/**
 * {@code SERVICE_UNAVAILABLE} for a bounded resource that is full (no slot, no room to wait): the request did
 * nothing and may be repeated after {@link #retryAfter()} (the {@code Retry-After}).
 */
public final class ServiceUnavailableException extends DomainException {
    private final Duration retryAfter;

    public ServiceUnavailableException(String message, Duration retryAfter) {
        super(ErrorCode.SERVICE_UNAVAILABLE, message);
        this.retryAfter = Objects.requireNonNull(retryAfter, "retryAfter");
    }

    /** How long until a retry can be expected to succeed. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
