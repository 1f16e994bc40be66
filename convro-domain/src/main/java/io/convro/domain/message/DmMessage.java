package io.convro.domain.message;

import io.convro.domain.DomainException;
import io.convro.domain.ErrorCode;
import io.convro.domain.device.DeviceId;
import io.convro.domain.session.SessionDbId;
import io.convro.domain.session.SessionId;
import io.convro.domain.user.UserId;
import java.time.Instant;

/**
 * A stored encrypted message and its receipt state.
 *
 * @param id {@code null} until stored
 * @param clientMessageId may be {@code null}
 * @param clientTimestamp may be {@code null}
 */
public record DmMessage(MessageId id, SessionDbId sessionDbId, SessionId sessionId, UserId senderUserId,
                        DeviceId senderDeviceId, DeviceId recipientDeviceId, Ciphertext ciphertext, AuthTag authTag,
                        ClientMessageId clientMessageId, ClientTimestamp clientTimestamp, Instant serverTimestamp,
                        DeliveryState deliveryState, Instant deliveredAt, Instant readAt) {

    public static DmMessage compose(SessionDbId sessionDbId, SessionId sessionId, UserId sender, DeviceId senderDevice,
                                    DeviceId recipientDevice, Ciphertext ciphertext, AuthTag authTag,
                                    ClientMessageId clientMessageId, ClientTimestamp clientTimestamp, Instant now) {
        return new DmMessage(null, sessionDbId, sessionId, sender, senderDevice, recipientDevice, ciphertext, authTag,
                clientMessageId, clientTimestamp, now, DeliveryState.PENDING, null, null);
    }

    public DmMessage withId(MessageId newId) {
        return new DmMessage(newId, sessionDbId, sessionId, senderUserId, senderDeviceId, recipientDeviceId, ciphertext,
                authTag, clientMessageId, clientTimestamp, serverTimestamp, deliveryState, deliveredAt, readAt);
    }

    /**
     * Apply a receipt from {@code by}. Only the recipient device may set one; the sender is told
     * {@code NOT_MESSAGE_RECIPIENT}, anyone else {@code MESSAGE_NOT_FOUND}. Returns this message unchanged
     * when the receipt does not move the state forward.
     */
    public DmMessage receiptBy(DeviceId by, ReceiptStatus status, Instant now) {
        if (senderDeviceId.equals(by)) {
            throw new DomainException(ErrorCode.NOT_MESSAGE_RECIPIENT, "only the recipient device may set a receipt", "messageId");
        }
        if (!recipientDeviceId.equals(by)) {
            throw new DomainException(ErrorCode.MESSAGE_NOT_FOUND, "no message with that id for this device", "messageId");
        }
        DeliveryState next = deliveryState.advancedBy(status);
        if (next == deliveryState) {
            return this;
        }
        Instant delivered = deliveredAt != null ? deliveredAt : now;
        Instant read = next == DeliveryState.READ ? now : null;
        return new DmMessage(id, sessionDbId, sessionId, senderUserId, senderDeviceId, recipientDeviceId, ciphertext,
                authTag, clientMessageId, clientTimestamp, serverTimestamp, next, delivered, read);
    }
}
