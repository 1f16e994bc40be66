package io.convro.application.messages;

import io.convro.domain.device.DeviceId;
import io.convro.domain.message.MessageId;
import java.time.Instant;
import java.util.List;

/**
 * A stored fan-out: every copy's id, all with one serverTimestamp; {@code created} is false when a repeated
 * clientMessageId returned the original copies.
 */
public record FanoutSent(Instant serverTimestamp, List<Copy> messages, boolean created) {
    public FanoutSent {
        messages = List.copyOf(messages);
    }

    /** One stored copy. */
    public record Copy(DeviceId recipientDeviceId, MessageId messageId) {
    }
}
