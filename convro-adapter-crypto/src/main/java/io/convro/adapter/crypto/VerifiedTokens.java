package io.convro.adapter.crypto;

import io.convro.application.auth.AccessGrant;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Access tokens this node has already verified, by their exact text: a client presents the same token on every
 * request for its whole lifetime, and parsing it and checking its signature again would give the same answer.
 * Only the expiry can change, so it is kept and checked on every use. Bounded: when full, it starts over.
 */
final class VerifiedTokens {
    static final int CAPACITY = 20_000;

    /** What a verified token said. */
    record Verified(AccessGrant grant, Instant expiry) {
    }

    private final ConcurrentHashMap<String, Verified> byToken = new ConcurrentHashMap<>();

    Verified find(String token) {
        return byToken.get(token);
    }

    void remember(String token, AccessGrant grant, Instant expiry) {
        if (byToken.size() >= CAPACITY) {
            byToken.clear();
        }
        byToken.put(token, new Verified(grant, expiry));
    }

    void forget(String token) {
        byToken.remove(token);
    }
}
