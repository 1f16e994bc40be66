package io.convro.adapter.inmemory.messages;

import io.convro.domain.device.DeviceId;
import io.convro.domain.message.ClientMessageId;

/** The unique key (sender device, clientMessageId) of {@code dm_messages}. */
record SenderClientMessageId(DeviceId sender, ClientMessageId clientMessageId, DeviceId recipient) {
}
