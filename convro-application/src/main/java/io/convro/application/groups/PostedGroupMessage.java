package io.convro.application.groups;

import io.convro.domain.message.MessageId;
import java.time.Instant;

/** A stored group message; {@code created} is false when a repeated clientMessageId returned the original. */
public record PostedGroupMessage(MessageId messageId, Instant serverTimestamp, boolean created) {
}
