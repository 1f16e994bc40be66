package io.convro.application.retention;

/**
 * What one purge run deleted: messages (DM messages, their receipts with them, and group messages), refresh tokens,
 * one-time prekeys.
 */
public record Purged(long messages, long refreshTokens, long prekeys) {
    public static final Purged NOTHING = new Purged(0, 0, 0);

    public boolean anything() {
        return messages + refreshTokens + prekeys > 0;
    }
}
