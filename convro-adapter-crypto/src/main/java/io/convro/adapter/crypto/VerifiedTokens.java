package io.convro.adapter.crypto;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.convro.application.auth.AccessGrant;
import java.time.Instant;

/**
 * Access tokens this node has already verified, by their exact text: a client presents the same token on every
 * request for its whole lifetime, and parsing it and checking its signature again would give the same answer.
 * Only the expiry can change, so it is kept and checked on every use. Bounded (Caffeine): beyond
 * {@link #CAPACITY} the tokens least likely to come back are forgotten (and verified again if they do). Hits and
 * misses are recorded for the metrics.
 */
final class VerifiedTokens {
    static final int CAPACITY = 20_000;

    /** What a verified token said. */
    record Verified(AccessGrant grant, Instant expiry) {
    }

    private final Cache<String, Verified> byToken = Caffeine.newBuilder().maximumSize(CAPACITY).recordStats().build();

    Verified find(String token) {
        return byToken.getIfPresent(token);
    }

    void remember(String token, AccessGrant grant, Instant expiry) {
        byToken.put(token, new Verified(grant, expiry));
    }

    void forget(String token) {
        byToken.invalidate(token);
    }

    Cache<String, Verified> cache() {
        return byToken;
    }
}
