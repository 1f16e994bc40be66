package io.convro.application.retention;

import java.time.Instant;

/**
 * Out-port: stored data whose keep time is over, removed a small batch at a time. Each call is one short step of the
 * store's own (never part of a caller's transaction) that touches at most {@code batch} rows of its main table, so a
 * purge never holds locks that a send or a sign-in would wait on for long. Every method answers how many rows of its
 * main table it deleted: fewer than {@code batch} means nothing older is left (for now).
 */
public interface ExpiredData {
    /**
     * Delete up to {@code batch} messages whose serverTimestamp is before {@code cutoff}, oldest id first, together
     * with their receipts. It may stop early at a message that is not yet old enough even when a later id is (the
     * clocks of two nodes differ by a little): such a message goes in a later call.
     */
    int deleteMessagesBefore(Instant cutoff, int batch);

    /** As {@link #deleteMessagesBefore}, for group messages (each stored once, whatever the member count). */
    int deleteGroupMessagesBefore(Instant cutoff, int batch);

    /** Delete up to {@code batch} refresh tokens (revoked or not) whose expiry is before {@code cutoff}. */
    int deleteRefreshTokensExpiredBefore(Instant cutoff, int batch);

    /** Delete up to {@code batch} one-time prekeys that were handed out before {@code cutoff}. */
    int deletePrekeysConsumedBefore(Instant cutoff, int batch);
}
