package io.convro.bootstrap;

import io.convro.application.retention.PurgeExpiredDataService;
import io.convro.application.retention.Purged;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs retention in the background on one daemon thread: first a little after start (never during it), then at a
 * fixed delay after each run ends, so two runs of one node never overlap. Every node runs it; two nodes deleting the
 * same batch is harmless (the second finds the rows gone). A failed run (the database down) is one warning line, and
 * the next run tries again.
 */
final class RetentionSchedule implements AutoCloseable {
    static final Duration FIRST_RUN = Duration.ofMinutes(1);
    static final Duration EVERY = Duration.ofMinutes(10);
    private static final Logger LOG = LoggerFactory.getLogger(RetentionSchedule.class);

    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(work -> {
        Thread named = new Thread(work, "convro-retention");
        named.setDaemon(true);
        return named;
    });
    private final PurgeExpiredDataService purge;
    private final AtomicLong purgedMessages = new AtomicLong();
    private final AtomicLong purgedRefreshTokens = new AtomicLong();
    private final AtomicLong purgedPrekeys = new AtomicLong();

    RetentionSchedule(PurgeExpiredDataService purge) {
        this.purge = purge;
    }

    RetentionSchedule start(Duration first, Duration every) {
        thread.scheduleWithFixedDelay(this::runOnce, first.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    /** Messages deleted by retention since the start (with their receipts). */
    long purgedMessages() {
        return purgedMessages.get();
    }

    /** Expired or revoked refresh tokens deleted since the start. */
    long purgedRefreshTokens() {
        return purgedRefreshTokens.get();
    }

    /** Handed-out one-time prekeys deleted since the start. */
    long purgedPrekeys() {
        return purgedPrekeys.get();
    }

    void runOnce() {
        try {
            Purged purged = purge.purge();
            purgedMessages.addAndGet(purged.messages());
            purgedRefreshTokens.addAndGet(purged.refreshTokens());
            purgedPrekeys.addAndGet(purged.prekeys());
            if (purged.anything()) {
                LOG.info("Retention: deleted {} messages (with their receipts), {} refresh tokens, {} one-time prekeys",
                        purged.messages(), purged.refreshTokens(), purged.prekeys());
            }
        } catch (RuntimeException failed) {
            LOG.warn("Retention: this run failed, the next one tries again in {} min: {}", EVERY.toMinutes(),
                    failed.getMessage());
        }
    }

    /**
     * Stops the schedule; a run in progress ends after its current batch (a few milliseconds). Only a batch still
     * running after a second (a database in trouble) is interrupted: the stop must go on to close the database.
     */
    @Override
    public void close() {
        purge.stop();
        thread.shutdown();
        try {
            if (!thread.awaitTermination(1, TimeUnit.SECONDS)) {
                thread.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
