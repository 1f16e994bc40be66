package io.convro.application.messages;

import io.convro.domain.message.DeliveryState;
import io.convro.domain.message.MessageId;
import java.time.Instant;

/** A stored message; {@code created} is false when a repeated clientMessageId returned the original. */
public record SentMessage(MessageId messageId, Instant serverTimestamp, DeliveryState deliveryState, boolean created) {
}
