package io.convro.bootstrap;

import io.convro.application.shared.RateLimit;
import io.convro.application.shared.RateLimiter;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link RateLimiter} whose refusals are counted by limit: {@code convro.rate.limit.refusals{limit=…}}. Every
 * bucket is named {@code <limit>:<whose>} (login:address, send:device, …), so the limit is the text before the first
 * colon: a handful of fixed names, never an address or an id. A permit granted costs nothing more.
 */
final class MeteredRateLimiter implements RateLimiter {
    static final String REFUSALS = "convro.rate.limit.refusals";

    private final RateLimiter limiter;
    private final MeterRegistry registry;
    private final ConcurrentHashMap<String, Counter> refusals = new ConcurrentHashMap<>();

    MeteredRateLimiter(RateLimiter limiter, MeterRegistry registry) {
        this.limiter = limiter;
        this.registry = registry;
    }

    @Override
    public Optional<Duration> tryAcquire(String bucket, RateLimit limit) {
        Optional<Duration> wait = limiter.tryAcquire(bucket, limit);
        if (wait.isPresent()) {
            int colon = bucket.indexOf(':');
            String name = colon < 0 ? "other" : bucket.substring(0, colon);
            refusals.computeIfAbsent(name, this::counter).increment();
        }
        return wait;
    }

    private Counter counter(String limit) {
        return Counter.builder(REFUSALS).tag("limit", limit)
                .description("Requests refused (429) by a rate limit, by the limit's name").register(registry);
    }
}
