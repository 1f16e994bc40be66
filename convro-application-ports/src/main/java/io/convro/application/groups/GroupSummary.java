package io.convro.application.groups;

import io.convro.domain.group.EncryptedTitle;
import io.convro.domain.group.GroupId;
import io.convro.domain.group.GroupKind;
import io.convro.domain.group.GroupRole;
import java.time.Instant;

/**
 * One entry of {@code GET /v1/groups}.
 *
 * @param encryptedTitle may be {@code null}
 * @param lastMessage    the newest message the user may see, or {@code null}
 * @param createdAt      the group's creation, the activity of a group without messages
 */
public record GroupSummary(GroupId groupId, GroupKind kind, GroupRole role, EncryptedTitle encryptedTitle, int memberCount,
                           LastGroupMessage lastMessage, int unreadCount, Instant createdAt) {
    /** Unread counts stop here, as a conversation's do. */
    public static final int UNREAD_COUNT_CAP = 100;

    /** When the group last saw activity the user may see: its newest visible message, else its creation. */
    public Instant lastActivity() {
        return lastMessage == null ? createdAt : lastMessage.serverTimestamp();
    }
}
