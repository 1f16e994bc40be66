package io.convro.domain.group;

import io.convro.domain.device.DeviceId;
import io.convro.domain.message.AuthTag;
import io.convro.domain.message.Ciphertext;
import io.convro.domain.message.ClientMessageId;
import io.convro.domain.message.ClientTimestamp;
import io.convro.domain.message.MessageId;
import io.convro.domain.user.UserId;
import java.time.Instant;

/**
 * One message to a group: one ciphertext under the sender's sender key, stored once whatever the member count and
 * relayed to every member device but the sending one.
 *
 * @param id              {@code null} until stored; group messages have their own id sequence
 * @param clientMessageId may be {@code null}
 * @param clientTimestamp may be {@code null}
 */
public record GroupMessage(MessageId id, GroupId groupId, UserId senderUserId, DeviceId senderDeviceId,
                           SenderKeyId senderKeyId, Ciphertext ciphertext, AuthTag authTag,
                           ClientMessageId clientMessageId, ClientTimestamp clientTimestamp, Instant serverTimestamp) {

    /** A new message from {@code membership}'s member, after {@link GroupMembership#checkPost()} said it may post. */
    public static GroupMessage compose(GroupMembership membership, DeviceId senderDevice, SenderKeyId senderKeyId,
                                       Ciphertext ciphertext, AuthTag authTag, ClientMessageId clientMessageId,
                                       ClientTimestamp clientTimestamp, Instant now) {
        membership.checkPost();
        return new GroupMessage(null, membership.groupId(), membership.member().userId(), senderDevice, senderKeyId,
                ciphertext, authTag, clientMessageId, clientTimestamp, now);
    }

    public GroupMessage withId(MessageId newId) {
        return new GroupMessage(newId, groupId, senderUserId, senderDeviceId, senderKeyId, ciphertext, authTag,
                clientMessageId, clientTimestamp, serverTimestamp);
    }
}
