package io.convro.adapter.ratelimit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import io.convro.application.shared.RateLimit;
import io.convro.application.shared.RateLimiter;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;

/**
 * Token buckets in this JVM (Bucket4j), for a single node: with several nodes each would grant the whole budget,
 * so the bootstrap uses {@link RedisRateLimiter} whenever Redis is configured.
 *
 * <p>Buckets are keyed by client address, which an attacker can vary, so they are held in a bounded Caffeine cache:
 * a bucket unused for its whole refill period is full again, i.e. the same as no bucket, and expires; beyond
 * {@code maxBuckets} Caffeine evicts those it judges least likely to be used again (those clients start over with a
 * full budget, which is the safe direction for legitimate users). Its hits and misses are recorded for the metrics.
 *
 * <p>A permit costs a cache look-up and a lock-free bucket update, so it may be taken on an event loop (sends are);
 * Caffeine's upkeep (expiry and eviction) is amortised, a few entries per call, and otherwise runs on {@code sweeper}.
 */
public final class LocalRateLimiter implements RateLimiter {
    /** Enough for every address that logs in within a minute on a busy node, small enough to stay a few MiB. */
    public static final int DEFAULT_MAX_BUCKETS = 100_000;

    private final TimeMeter time;
    private final Cache<String, Entry> buckets;

    /** Upkeep on the common pool. */
    public LocalRateLimiter() {
        this(TimeMeter.SYSTEM_NANOTIME, DEFAULT_MAX_BUCKETS, ForkJoinPool.commonPool());
    }

    /** With the time source and bound under the caller's control, upkeep on the caller's thread (tests). */
    public LocalRateLimiter(TimeMeter time, int maxBuckets) {
        this(time, maxBuckets, Runnable::run);
    }

    public LocalRateLimiter(TimeMeter time, int maxBuckets, Executor sweeper) {
        if (maxBuckets < 1) {
            throw new IllegalArgumentException("maxBuckets must be at least 1");
        }
        this.time = time;
        this.buckets = Caffeine.newBuilder()
                .maximumSize(maxBuckets)
                .expireAfter(new IdleForItsPeriod())
                .ticker(time::currentTimeNanos)
                .executor(sweeper)
                .recordStats()
                .build();
    }

    @Override
    public Optional<Duration> tryAcquire(String bucket, RateLimit limit) {
        Entry entry = buckets.get(bucket, key -> new Entry(newBucket(limit), limit));
        if (!entry.limit.equals(limit)) {
            entry = new Entry(newBucket(limit), limit);
            buckets.put(bucket, entry);
        }
        ConsumptionProbe probe = entry.bucket.tryConsumeAndReturnRemaining(1);
        return probe.isConsumed() ? Optional.empty() : Optional.of(Duration.ofNanos(Math.max(1, probe.getNanosToWaitForRefill())));
    }

    /** The buckets, for their hit rate in the metrics. */
    public Cache<String, ?> buckets() {
        return buckets;
    }

    /** How many buckets are held now, after pending upkeep (tests: the map must not grow without bound). */
    long size() {
        buckets.cleanUp();
        return buckets.estimatedSize();
    }

    private Bucket newBucket(RateLimit limit) {
        return Bucket.builder()
                .addLimit(bandwidth -> bandwidth.capacity(limit.permits()).refillGreedy(limit.permits(), limit.per()))
                .withCustomTimePrecision(time)
                .build();
    }

    private record Entry(Bucket bucket, RateLimit limit) {
    }

    /** A bucket expires once unused for its whole refill period: by then it would be full again. */
    private static final class IdleForItsPeriod implements Expiry<String, Entry> {
        @Override
        public long expireAfterCreate(String key, Entry entry, long currentTime) {
            return entry.limit.per().toNanos();
        }

        @Override
        public long expireAfterUpdate(String key, Entry entry, long currentTime, long currentDuration) {
            return entry.limit.per().toNanos();
        }

        @Override
        public long expireAfterRead(String key, Entry entry, long currentTime, long currentDuration) {
            return entry.limit.per().toNanos();
        }
    }
}
