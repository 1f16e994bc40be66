package io.convro.application.groups;

import io.convro.domain.message.MessageId;
import io.convro.domain.user.UserId;
import java.time.Instant;

/** The newest message of a group a member may see, as the group list shows it. */
public record LastGroupMessage(MessageId messageId, UserId senderUserId, Instant serverTimestamp) {
}
