package io.convro.adapter.inmemory.retention;

import io.convro.adapter.inmemory.auth.InMemoryRefreshTokens;
import io.convro.adapter.inmemory.messages.InMemoryMessages;
import io.convro.adapter.inmemory.prekeys.InMemoryPrekeys;
import io.convro.application.retention.ExpiredData;
import io.convro.adapter.inmemory.groups.InMemoryGroups;
import java.time.Instant;
import java.util.Objects;

/** {@link ExpiredData} over the in-memory tables: each call is one statement under the database lock. */
public final class InMemoryExpiredData implements ExpiredData {
    private final InMemoryMessages messages;
    private final InMemoryRefreshTokens refreshTokens;
    private final InMemoryPrekeys prekeys;
    private final InMemoryGroups groups;

    public InMemoryExpiredData(InMemoryMessages messages, InMemoryRefreshTokens refreshTokens, InMemoryPrekeys prekeys,
                               InMemoryGroups groups) {
        this.groups = Objects.requireNonNull(groups);
        this.messages = Objects.requireNonNull(messages);
        this.refreshTokens = Objects.requireNonNull(refreshTokens);
        this.prekeys = Objects.requireNonNull(prekeys);
    }

    @Override
    public int deleteMessagesBefore(Instant cutoff, int batch) {
        return messages.deleteBefore(cutoff, batch);
    }

    @Override
    public int deleteGroupMessagesBefore(Instant cutoff, int batch) {
        return groups.deleteMessagesBefore(cutoff, batch);
    }

    @Override
    public int deleteRefreshTokensExpiredBefore(Instant cutoff, int batch) {
        return refreshTokens.deleteExpiredBefore(cutoff, batch);
    }

    @Override
    public int deletePrekeysConsumedBefore(Instant cutoff, int batch) {
        return prekeys.deleteConsumedBefore(cutoff, batch);
    }
}
