package io.convro.adapter.ratelimit;

import io.convro.application.shared.RateLimit;
import io.convro.application.shared.RateLimiter;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Token buckets in this JVM (Bucket4j), for a single node: with several nodes each would grant the whole budget,
 * so the bootstrap uses {@link RedisRateLimiter} whenever Redis is configured.
 *
 * <p>Buckets are keyed by client address, which an attacker can vary, so the map is bounded: a bucket unused for
 * its whole refill period is full again, i.e. the same as no bucket, and is dropped; when the map is still over
 * {@code maxBuckets} the least recently used buckets go (those clients start over with a full budget, which is
 * the safe direction for legitimate users).
 *
 * <p>A permit costs a map look-up and a lock-free bucket update, so it may be taken on an event loop (sends are);
 * the sweeps, which walk the whole map, run on {@code sweeper}, never on the caller's thread.
 */
public final class LocalRateLimiter implements RateLimiter {
    /** Enough for every address that logs in within a minute on a busy node, small enough to stay a few MiB. */
    public static final int DEFAULT_MAX_BUCKETS = 100_000;
    /** Idle buckets are swept once per this many acquisitions, so a sweep's cost is spread thin. */
    private static final int SWEEP_EVERY = 4096;

    private final TimeMeter time;
    private final int maxBuckets;
    private final Executor sweeper;
    private final Map<String, Entry> buckets = new ConcurrentHashMap<>();
    private final AtomicLong acquisitions = new AtomicLong();
    private final AtomicBoolean sweeping = new AtomicBoolean();

    /** Sweeps on the common pool. */
    public LocalRateLimiter() {
        this(TimeMeter.SYSTEM_NANOTIME, DEFAULT_MAX_BUCKETS, ForkJoinPool.commonPool());
    }

    /** With the time source and bound under the caller's control, sweeping on the caller's thread (tests). */
    public LocalRateLimiter(TimeMeter time, int maxBuckets) {
        this(time, maxBuckets, Runnable::run);
    }

    public LocalRateLimiter(TimeMeter time, int maxBuckets, Executor sweeper) {
        if (maxBuckets < 1) {
            throw new IllegalArgumentException("maxBuckets must be at least 1");
        }
        this.time = time;
        this.maxBuckets = maxBuckets;
        this.sweeper = sweeper;
    }

    @Override
    public Optional<Duration> tryAcquire(String bucket, RateLimit limit) {
        long now = time.currentTimeNanos();
        Entry entry = buckets.compute(bucket, (key, old) -> old != null && old.limit.equals(limit)
                ? old.touched(now) : new Entry(newBucket(limit), limit, now));
        ConsumptionProbe probe = entry.bucket.tryConsumeAndReturnRemaining(1);
        if ((buckets.size() > maxBuckets || acquisitions.incrementAndGet() % SWEEP_EVERY == 0)
                && sweeping.compareAndSet(false, true)) {
            sweeper.execute(() -> {
                try {
                    sweep(now);
                } finally {
                    sweeping.set(false);
                }
            });
        }
        return probe.isConsumed() ? Optional.empty() : Optional.of(Duration.ofNanos(Math.max(1, probe.getNanosToWaitForRefill())));
    }

    /** How many buckets are held now (tests: the map must not grow without bound). */
    int size() {
        return buckets.size();
    }

    private Bucket newBucket(RateLimit limit) {
        return Bucket.builder()
                .addLimit(bandwidth -> bandwidth.capacity(limit.permits()).refillGreedy(limit.permits(), limit.per()))
                .withCustomTimePrecision(time)
                .build();
    }

    private synchronized void sweep(long now) {
        buckets.entrySet().removeIf(e -> now - e.getValue().lastUsedNanos >= e.getValue().limit.per().toNanos());
        if (buckets.size() > maxBuckets) {
            // down to 90 %, so a node under a flood of new addresses does not sort the map on every request
            int excess = buckets.size() - (maxBuckets - maxBuckets / 10);
            buckets.entrySet().stream()
                    .sorted(Comparator.comparingLong(e -> e.getValue().lastUsedNanos))
                    .limit(excess)
                    .map(Map.Entry::getKey)
                    .toList()
                    .forEach(buckets::remove);
        }
    }

    private static final class Entry {
        final Bucket bucket;
        final RateLimit limit;
        volatile long lastUsedNanos;

        Entry(Bucket bucket, RateLimit limit, long lastUsedNanos) {
            this.bucket = bucket;
            this.limit = limit;
            this.lastUsedNanos = lastUsedNanos;
        }

        Entry touched(long now) {
            lastUsedNanos = now;
            return this;
        }
    }
}
