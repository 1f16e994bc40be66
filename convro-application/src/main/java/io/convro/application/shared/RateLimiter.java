package io.convro.application.shared;

import java.time.Duration;
import java.util.Optional;

/**
 * Out-port: token buckets by name. Every node must see the same buckets (ARCHITECTURE.md "Scale"), so with
 * Redis configured the adapter keeps them there; a single node may keep them in memory.
 */
public interface RateLimiter {
    /**
     * Take one permit from {@code bucket}, which allows {@code limit}; a bucket never used before is full.
     *
     * @return empty when the permit was granted, else how long until the bucket has one again (positive)
     */
    Optional<Duration> tryAcquire(String bucket, RateLimit limit);
}
