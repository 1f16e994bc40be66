package io.convro.application.groups;

import io.convro.application.shared.Caller;
import io.convro.domain.group.GroupId;
import io.convro.domain.group.SenderKeyId;
import io.convro.domain.message.AuthTag;
import io.convro.domain.message.Ciphertext;
import io.convro.domain.message.ClientMessageId;
import io.convro.domain.message.ClientTimestamp;

/** Post one ciphertext to a group. {@code clientMessageId} and {@code clientTimestamp} may be null. */
public record PostGroupMessageCommand(Caller caller, GroupId groupId, SenderKeyId senderKeyId, Ciphertext ciphertext,
                                      AuthTag authTag, ClientMessageId clientMessageId, ClientTimestamp clientTimestamp) {
}
