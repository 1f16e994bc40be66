package io.convro.adapter.http.groups;

import static io.convro.adapter.http.validation.WireValue.AUTH_TAG;
import static io.convro.adapter.http.validation.WireValue.CIPHERTEXT;
import static io.convro.adapter.http.validation.WireValue.CLIENT_MESSAGE_ID;
import static io.convro.adapter.http.validation.WireValue.CLIENT_TIMESTAMP;
import static io.convro.adapter.http.validation.WireValue.SENDER_KEY_ID;

import io.convro.adapter.http.validation.DomainValue;
import io.convro.application.groups.PostGroupMessageCommand;
import io.convro.application.shared.Caller;
import io.convro.domain.group.GroupId;
import io.convro.domain.group.SenderKeyId;
import io.convro.domain.message.AuthTag;
import io.convro.domain.message.Ciphertext;
import io.convro.domain.message.ClientMessageId;
import io.convro.domain.message.ClientTimestamp;

/** Body of {@code POST /v1/groups/{groupId}/messages}; the message fields are checked as {@code /send} checks them. */
record PostGroupMessageRequest(@DomainValue(value = SENDER_KEY_ID, required = true) String senderKeyId,
                               @DomainValue(value = CIPHERTEXT, required = true) String ciphertext,
                               @DomainValue(value = AUTH_TAG, required = true) String authTag,
                               @DomainValue(CLIENT_MESSAGE_ID) String clientMessageId,
                               @DomainValue(CLIENT_TIMESTAMP) String clientTimestamp) {

    PostGroupMessageCommand toCommand(Caller caller, GroupId groupId) {
        return new PostGroupMessageCommand(caller, groupId, SenderKeyId.parse(senderKeyId), Ciphertext.parseBase64(ciphertext),
                AuthTag.parseBase64(authTag), clientMessageId == null ? null : ClientMessageId.parse(clientMessageId),
                clientTimestamp == null ? null : ClientTimestamp.parse(clientTimestamp));
    }

    @Override
    public String toString() {
        return "PostGroupMessageRequest[senderKeyId=" + senderKeyId + "]";
    }
}
