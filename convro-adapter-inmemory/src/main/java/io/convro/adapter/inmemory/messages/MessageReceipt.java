package io.convro.adapter.inmemory.messages;

import io.convro.domain.device.DeviceId;
import io.convro.domain.message.MessageId;
import io.convro.domain.message.ReceiptStatus;
import java.time.Instant;

/** A row of {@code message_receipts}: the latest receipt a device reported for a message. */
public record MessageReceipt(MessageId messageId, DeviceId deviceId, ReceiptStatus status, Instant at) {
}
