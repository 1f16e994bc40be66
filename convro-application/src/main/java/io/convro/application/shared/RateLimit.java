package io.convro.application.shared;

import java.time.Duration;
import java.util.Objects;

/**
 * How many requests a bucket allows: {@code permits} per {@code per}, refilled evenly over the period (so a
 * client that has spent its budget gets one permit back after {@code per / permits}, not after the whole period).
 *
 * @param permits how many requests a full bucket allows at once; at least 1
 * @param per     the period over which the whole budget refills; positive
 */
public record RateLimit(int permits, Duration per) {
    public RateLimit {
        Objects.requireNonNull(per, "per");
        if (permits < 1) {
            throw new IllegalArgumentException("permits must be at least 1, got " + permits);
        }
        if (per.isNegative() || per.isZero()) {
            throw new IllegalArgumentException("per must be positive, got " + per);
        }
    }

    /** {@code permits} per minute. */
    public static RateLimit perMinute(int permits) {
        return new RateLimit(permits, Duration.ofMinutes(1));
    }
}
