package io.convro.application.retention;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How long Convro keeps what it no longer needs, and how gently it deletes it.
 *
 * @param messages          how long ciphertext (and its receipts) is kept after it was stored; empty keeps it forever
 * @param refreshTokenGrace how long a refresh token is kept after its expiry. Until then a revoked token presented
 *                          again is still recognised as a reuse (and revokes its device's tokens): within the
 *                          token's own lifetime reuse detection is never weakened
 * @param consumedPrekeys   how long a handed-out one-time prekey is kept: while it is, an upload retrying the same
 *                          keyId is skipped as a duplicate
 * @param batch             rows per statement
 * @param pause             the pause between two batches, so a long purge leaves the database to the senders
 * @param maxBatches        batches per kind in one run at most; the next run goes on where this one stopped
 */
public record RetentionPolicy(Optional<Duration> messages, Duration refreshTokenGrace, Duration consumedPrekeys,
                              int batch, Duration pause, int maxBatches) {
    public static final Duration DEFAULT_REFRESH_TOKEN_GRACE = Duration.ofDays(1);
    public static final Duration DEFAULT_CONSUMED_PREKEYS = Duration.ofDays(30);
    public static final int DEFAULT_BATCH = 500;
    public static final Duration DEFAULT_PAUSE = Duration.ofMillis(50);
    public static final int DEFAULT_MAX_BATCHES = 2_000;

    public RetentionPolicy {
        Objects.requireNonNull(messages, "messages");
        Objects.requireNonNull(refreshTokenGrace, "refreshTokenGrace");
        Objects.requireNonNull(consumedPrekeys, "consumedPrekeys");
        Objects.requireNonNull(pause, "pause");
        messages.ifPresent(keep -> {
            if (keep.isNegative() || keep.isZero()) {
                throw new IllegalArgumentException("message retention must be positive");
            }
        });
        if (refreshTokenGrace.isNegative() || consumedPrekeys.isNegative() || pause.isNegative()) {
            throw new IllegalArgumentException("grace periods and the pause must not be negative");
        }
        if (batch < 1 || maxBatches < 1) {
            throw new IllegalArgumentException("batch and maxBatches must be positive");
        }
    }

    /** The defaults, with messages kept for {@code messages} (empty: forever). */
    public static RetentionPolicy keepingMessages(Optional<Duration> messages) {
        return new RetentionPolicy(messages, DEFAULT_REFRESH_TOKEN_GRACE, DEFAULT_CONSUMED_PREKEYS, DEFAULT_BATCH,
                DEFAULT_PAUSE, DEFAULT_MAX_BATCHES);
    }
}
