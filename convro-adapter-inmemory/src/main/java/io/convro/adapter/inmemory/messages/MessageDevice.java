package io.convro.adapter.inmemory.messages;

import io.convro.domain.device.DeviceId;
import io.convro.domain.message.MessageId;

/** The unique key (message, device) of {@code message_receipts}. */
record MessageDevice(MessageId message, DeviceId device) {
}
