package io.convro.adapter.persistence.messages;

import io.convro.adapter.persistence.Millis;
import io.convro.domain.device.DeviceId;
import io.convro.domain.message.AuthTag;
import io.convro.domain.message.Ciphertext;
import io.convro.domain.message.ClientMessageId;
import io.convro.domain.message.ClientTimestamp;
import io.convro.domain.message.DeliveryState;
import io.convro.domain.message.DmMessage;
import io.convro.domain.message.MessageId;
import io.convro.domain.session.SessionDbId;
import io.convro.domain.session.SessionId;
import io.convro.domain.user.UserId;

/**
 * A {@code dm_messages} row (with its session's {@code session_id}, read through a join), and its explicit
 * mapping to and from the domain's {@link DmMessage}.
 */
public record MessageRow(long id, long sessionDbId, String sessionId, long senderUserId, String senderDeviceId,
                  String recipientDeviceId, byte[] ciphertext, byte[] authTag, String clientMessageId,
                  Long clientTimestamp, long serverTimestamp, String deliveryState, Long deliveredAt, Long readAt) {

    static MessageRow of(DmMessage message) {
        return new MessageRow(message.id() == null ? 0 : message.id().value(), message.sessionDbId().value(),
                message.sessionId().value(), message.senderUserId().value(), message.senderDeviceId().value(),
                message.recipientDeviceId().value(), message.ciphertext().bytes(), message.authTag().bytes(),
                message.clientMessageId() == null ? null : message.clientMessageId().value(),
                message.clientTimestamp() == null ? null : Millis.of(message.clientTimestamp().value()),
                Millis.of(message.serverTimestamp()), message.deliveryState().name(), Millis.of(message.deliveredAt()),
                Millis.of(message.readAt()));
    }

    DmMessage toDomain() {
        return new DmMessage(MessageId.of(id), new SessionDbId(sessionDbId), SessionId.parse(sessionId),
                UserId.of(senderUserId), DeviceId.parse(senderDeviceId), DeviceId.parse(recipientDeviceId),
                Ciphertext.of(ciphertext), AuthTag.of(authTag),
                clientMessageId == null ? null : ClientMessageId.parse(clientMessageId),
                clientTimestamp == null ? null : new ClientTimestamp(Millis.toInstant(clientTimestamp)),
                Millis.toInstant(serverTimestamp), DeliveryState.valueOf(deliveryState), Millis.toInstant(deliveredAt),
                Millis.toInstant(readAt));
    }
}
