package io.convro.adapter.http.messages;

import static io.convro.adapter.http.validation.WireValue.AUTH_TAG;
import static io.convro.adapter.http.validation.WireValue.CIPHERTEXT;
import static io.convro.adapter.http.validation.WireValue.CLIENT_MESSAGE_ID;
import static io.convro.adapter.http.validation.WireValue.CLIENT_TIMESTAMP;
import static io.convro.adapter.http.validation.WireValue.RECIPIENT_DEVICE_ID;
import static io.convro.adapter.http.validation.WireValue.SESSION_ID;

import io.convro.adapter.http.validation.DomainValue;
import io.convro.application.messages.SendMessageCommand;
import io.convro.application.shared.Caller;
import io.convro.domain.device.DeviceId;
import io.convro.domain.message.AuthTag;
import io.convro.domain.message.Ciphertext;
import io.convro.domain.message.ClientMessageId;
import io.convro.domain.message.ClientTimestamp;
import io.convro.domain.session.SessionId;

/** Body of {@code POST /v1/dm/messages/send}. */
record SendMessageRequest(@DomainValue(value = SESSION_ID, required = true) String sessionId,
                          @DomainValue(value = RECIPIENT_DEVICE_ID, required = true) String recipientDeviceId,
                          @DomainValue(CLIENT_MESSAGE_ID) String clientMessageId,
                          @DomainValue(CLIENT_TIMESTAMP) String clientTimestamp,
                          @DomainValue(value = CIPHERTEXT, required = true) String ciphertext,
                          @DomainValue(value = AUTH_TAG, required = true) String authTag) {

    SendMessageCommand toCommand(Caller caller) {
        return new SendMessageCommand(caller, SessionId.parse(sessionId), DeviceId.parse(recipientDeviceId),
                clientMessageId == null ? null : ClientMessageId.parse(clientMessageId),
                clientTimestamp == null ? null : ClientTimestamp.parse(clientTimestamp),
                Ciphertext.parseBase64(ciphertext), AuthTag.parseBase64(authTag));
    }

    @Override
    public String toString() {
        return "SendMessageRequest[sessionId=" + sessionId + ", recipientDeviceId=" + recipientDeviceId + "]";
    }
}
