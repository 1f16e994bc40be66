package io.convro.application.retention;

import io.convro.application.shared.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Deletes, batch by batch with a pause between, ciphertext older than the message retention (with its receipts),
 * refresh tokens past their expiry plus a grace, and one-time prekeys handed out longer ago than their keep time.
 * Every batch is a short step of its own, so senders never wait on a purge for more than one batch's locks.
 * The cut-offs are taken once per run from the clock, so a run ends even while new data grows old.
 */
public final class PurgeExpiredDataService implements PurgeExpiredDataUseCase {
    /** Deletes up to {@code batch} rows older than {@code cutoff}; answers how many. */
    @FunctionalInterface
    private interface BatchDelete {
        int delete(Instant cutoff, int batch);
    }

    private final ExpiredData expired;
    private final Clock clock;
    private final RetentionPolicy policy;
    private volatile boolean stopped;

    public PurgeExpiredDataService(ExpiredData expired, Clock clock, RetentionPolicy policy) {
        this.expired = Objects.requireNonNull(expired);
        this.clock = Objects.requireNonNull(clock);
        this.policy = Objects.requireNonNull(policy);
    }

    @Override
    public Purged purge() {
        Instant now = clock.now();
        // DM and group messages alike: CONVRO_MESSAGE_RETENTION keeps neither longer than the other
        long messages = policy.messages()
                .map(keep -> drain(expired::deleteMessagesBefore, now.minus(keep))
                        + drain(expired::deleteGroupMessagesBefore, now.minus(keep)))
                .orElse(0L);
        long tokens = drain(expired::deleteRefreshTokensExpiredBefore, now.minus(policy.refreshTokenGrace()));
        long prekeys = drain(expired::deletePrekeysConsumedBefore, now.minus(policy.consumedPrekeys()));
        return new Purged(messages, tokens, prekeys);
    }

    /**
     * Ends a run in progress after its current batch, and refuses later ones: the server is stopping. Not an
     * interrupt, which could land inside a database call (H2 closes its file when a thread is interrupted in I/O).
     */
    public void stop() {
        stopped = true;
    }

    private long drain(BatchDelete delete, Instant cutoff) {
        long total = 0;
        for (int round = 0; round < policy.maxBatches() && !stopped; round++) {
            int deleted = delete.delete(cutoff, policy.batch());
            total += deleted;
            if (deleted < policy.batch() || !pause()) {
                break;
            }
        }
        return total;
    }

    /** Waits the policy's pause; false when interrupted (the server is stopping: the run ends here). */
    private boolean pause() {
        Duration pause = policy.pause();
        if (pause.isZero()) {
            return true;
        }
        try {
            Thread.sleep(pause.toMillis());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
