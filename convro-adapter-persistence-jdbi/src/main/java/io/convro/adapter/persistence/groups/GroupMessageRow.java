package io.convro.adapter.persistence.groups;

import io.convro.adapter.persistence.Millis;
import io.convro.domain.device.DeviceId;
import io.convro.domain.group.GroupId;
import io.convro.domain.group.GroupMessage;
import io.convro.domain.group.SenderKeyId;
import io.convro.domain.message.AuthTag;
import io.convro.domain.message.Ciphertext;
import io.convro.domain.message.ClientMessageId;
import io.convro.domain.message.ClientTimestamp;
import io.convro.domain.message.MessageId;
import io.convro.domain.user.UserId;

/** A {@code group_messages} row, and its explicit mapping to and from the domain's {@link GroupMessage}. */
public record GroupMessageRow(long id, String groupId, long senderUserId, String senderDeviceId, String senderKeyId,
                              byte[] ciphertext, byte[] authTag, String clientMessageId, Long clientTimestamp,
                              long serverTimestamp) {

    static GroupMessageRow of(GroupMessage message) {
        return new GroupMessageRow(message.id() == null ? 0 : message.id().value(), message.groupId().value(),
                message.senderUserId().value(), message.senderDeviceId().value(), message.senderKeyId().value(),
                message.ciphertext().bytes(), message.authTag().bytes(),
                message.clientMessageId() == null ? null : message.clientMessageId().value(),
                message.clientTimestamp() == null ? null : Millis.of(message.clientTimestamp().value()),
                Millis.of(message.serverTimestamp()));
    }

    GroupMessage toDomain() {
        return new GroupMessage(MessageId.of(id), GroupId.parse(groupId), UserId.of(senderUserId),
                DeviceId.parse(senderDeviceId), SenderKeyId.parse(senderKeyId), Ciphertext.of(ciphertext),
                AuthTag.of(authTag), clientMessageId == null ? null : ClientMessageId.parse(clientMessageId),
                clientTimestamp == null ? null : new ClientTimestamp(Millis.toInstant(clientTimestamp)),
                Millis.toInstant(serverTimestamp));
    }
}
