package io.convro.application.groups;

import io.convro.application.messages.HistoryCursor;
import io.convro.domain.group.GroupId;
import io.convro.domain.group.GroupMessage;
import io.convro.domain.message.MessageId;
import java.time.Instant;
import java.util.Optional;

/** Out-port: reads a group's messages as one member may see them. */
public interface ReadGroupMessagesPort {
    /**
     * Up to {@code limit} messages of the group sent at or after {@code visibleSince}, from {@code cursor} (newest
     * first for {@link HistoryCursor.Latest} and {@link HistoryCursor.Before}, oldest first for
     * {@link HistoryCursor.After}), but no more than carry {@code maxCiphertextBytes} together, and at least one if
     * there is one; {@code hasMore} when more visible ones lie beyond the page in the same direction.
     */
    GroupHistoryPage groupPage(GroupId group, Instant visibleSince, HistoryCursor cursor, int limit, long maxCiphertextBytes);

    /** The message with {@code id} if it belongs to {@code group}. */
    Optional<GroupMessage> findGroupMessage(GroupId group, MessageId id);
}
