package io.convro.adapter.ratelimit;

import io.convro.application.shared.RateLimit;
import io.convro.application.shared.RateLimiter;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A limiter that grants the permit when the one it wraps cannot answer (Redis down or slow beyond its timeout): for
 * budgets that defend against abuse but must not make a route depend on Redis. The contract keeps bundles and
 * session opens working through a Redis outage, so their limits are suspended during one rather than turned into
 * errors. The node logs the suspension at most once per {@link #LOG_EVERY}.
 */
public final class FailingOpenRateLimiter implements RateLimiter {
    static final Duration LOG_EVERY = Duration.ofSeconds(10);
    private static final Logger LOG = LoggerFactory.getLogger(FailingOpenRateLimiter.class);

    private final RateLimiter limiter;
    private final AtomicLong lastLogged = new AtomicLong(System.nanoTime() - LOG_EVERY.toNanos());
    private final AtomicLong failedOpen = new AtomicLong();

    public FailingOpenRateLimiter(RateLimiter limiter) {
        this.limiter = Objects.requireNonNull(limiter, "limiter");
    }

    @Override
    public Optional<Duration> tryAcquire(String bucket, RateLimit limit) {
        try {
            return limiter.tryAcquire(bucket, limit);
        } catch (RuntimeException unavailable) {
            long count = failedOpen.incrementAndGet();
            long now = System.nanoTime();
            long last = lastLogged.get();
            if (now - last >= LOG_EVERY.toNanos() && lastLogged.compareAndSet(last, now)) {
                // the bucket name holds a user or device id, never a secret; the failure's class says enough
                LOG.warn("rate limiter unavailable ({}): permits granted without counting, {} so far",
                        unavailable.getClass().getSimpleName(), count);
            }
            return Optional.empty();
        }
    }

    /** Permits granted because the wrapped limiter failed (tests, metrics). */
    public long failedOpen() {
        return failedOpen.get();
    }
}
