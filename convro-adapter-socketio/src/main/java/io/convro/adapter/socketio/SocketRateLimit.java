package io.convro.adapter.socketio;

import io.convro.application.shared.RateLimit;
import io.convro.application.shared.RateLimiter;
import io.convro.domain.device.DeviceId;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How many sockets one device may open: a token bucket per device, checked at admission once its token is verified;
 * beyond it the socket gets {@code connect_error} {@code RATE_LIMITED} with a {@code retryAfter} in seconds. The
 * bootstrap gives it this node's memory (never Redis: admitting a socket must not wait for Redis, nor fail with it).
 *
 * @param limiter   where the buckets live
 * @param perDevice the budget of one device; empty turns the limit off
 */
public record SocketRateLimit(RateLimiter limiter, Optional<RateLimit> perDevice) {
    public SocketRateLimit {
        Objects.requireNonNull(limiter, "limiter");
        Objects.requireNonNull(perDevice, "perDevice");
    }

    /** No limit. */
    public static SocketRateLimit off() {
        return new SocketRateLimit((bucket, limit) -> Optional.empty(), Optional.empty());
    }

    public static SocketRateLimit of(RateLimiter limiter, RateLimit perDevice) {
        return new SocketRateLimit(limiter, Optional.of(perDevice));
    }

    /** Empty when {@code device} may open one more socket, else how long until it may. */
    Optional<Duration> tryAcquire(DeviceId device) {
        return perDevice.flatMap(limit -> limiter.tryAcquire("socket:" + device.value(), limit));
    }
}
