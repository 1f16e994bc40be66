package io.convro.adapter.http.groups;

import io.convro.application.groups.GroupSummary;
import io.convro.application.groups.PostedGroupMessage;
import io.convro.domain.WireTime;
import io.convro.domain.group.Group;
import io.convro.domain.group.GroupMember;
import io.convro.domain.group.GroupMessage;
import java.util.List;

/** The JSON shapes of API.md §10; every field of the contract is present, {@code null} included. */
final class GroupsJson {
    private GroupsJson() {
    }

    record GroupJson(String groupId, String kind, String encryptedTitle, String createdAt, List<MemberJson> members) {
        static GroupJson of(Group group) {
            return new GroupJson(group.id().value(), group.kind().name(),
                    group.encryptedTitle() == null ? null : group.encryptedTitle().base64(), WireTime.format(group.createdAt()),
                    group.members().stream().map(MemberJson::of).toList());
        }
    }

    record MemberJson(long userId, String role, String joinedAt) {
        static MemberJson of(GroupMember member) {
            return new MemberJson(member.userId().value(), member.role().name(), WireTime.format(member.joinedAt()));
        }
    }

    record GroupList(List<GroupItem> groups) {
    }

    record GroupItem(String groupId, String kind, String role, String encryptedTitle, int memberCount, LastMessage lastMessage,
                     int unreadCount) {
        static GroupItem of(GroupSummary summary) {
            return new GroupItem(summary.groupId().value(), summary.kind().name(), summary.role().name(),
                    summary.encryptedTitle() == null ? null : summary.encryptedTitle().base64(), summary.memberCount(),
                    summary.lastMessage() == null ? null : new LastMessage(summary.lastMessage().messageId().value(),
                            summary.lastMessage().senderUserId().value(), WireTime.format(summary.lastMessage().serverTimestamp())),
                    summary.unreadCount());
        }
    }

    record LastMessage(long messageId, long senderUserId, String serverTimestamp) {
    }

    record Posted(boolean ok, long messageId, String serverTimestamp) {
        static Posted of(PostedGroupMessage posted) {
            return new Posted(true, posted.messageId().value(), WireTime.format(posted.serverTimestamp()));
        }
    }

    record MessageJson(long messageId, String groupId, long senderUserId, String senderDeviceId, String senderKeyId,
                       String ciphertext, String authTag, String clientMessageId, String clientTimestamp, String serverTimestamp) {
        static MessageJson of(GroupMessage message) {
            return new MessageJson(message.id().value(), message.groupId().value(), message.senderUserId().value(),
                    message.senderDeviceId().value(), message.senderKeyId().value(), message.ciphertext().base64(),
                    message.authTag().base64(), message.clientMessageId() == null ? null : message.clientMessageId().value(),
                    message.clientTimestamp() == null ? null : WireTime.format(message.clientTimestamp().value()),
                    WireTime.format(message.serverTimestamp()));
        }
    }

    record History(List<MessageJson> messages, boolean hasMore) {
    }

    record Ok(boolean ok) {
    }
}
