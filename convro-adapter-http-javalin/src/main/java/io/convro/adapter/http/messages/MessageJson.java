package io.convro.adapter.http.messages;

import io.convro.domain.WireTime;
import io.convro.domain.message.DmMessage;

/** The Message object of API.md §6, as history returns it. */
public record MessageJson(long messageId, String sessionId, long senderUserId, String senderDeviceId,
                          String recipientDeviceId, String ciphertext, String authTag, String clientMessageId,
                          String clientTimestamp, String serverTimestamp, String deliveryState, String deliveredAt,
                          String readAt) {
    public static MessageJson of(DmMessage message) {
        return new MessageJson(message.id().value(), message.sessionId().value(), message.senderUserId().value(),
                message.senderDeviceId().value(), message.recipientDeviceId().value(), message.ciphertext().base64(),
                message.authTag().base64(),
                message.clientMessageId() == null ? null : message.clientMessageId().value(),
                message.clientTimestamp() == null ? null : WireTime.format(message.clientTimestamp().value()),
                WireTime.format(message.serverTimestamp()), message.deliveryState().name(),
                WireTime.format(message.deliveredAt()), WireTime.format(message.readAt()));
    }
}
