package io.convro.adapter.inmemory.groups;

import io.convro.domain.device.DeviceId;
import io.convro.domain.group.GroupId;
import io.convro.domain.message.ClientMessageId;

/** The key of UNIQUE(group_id, sender_device_id, client_message_id). */
record GroupClientMessageId(GroupId groupId, DeviceId senderDevice, ClientMessageId clientMessageId) {
}
