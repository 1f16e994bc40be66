package io.convro.adapter.persistence.groups;

import io.convro.adapter.persistence.Millis;
import io.convro.domain.group.GroupMember;
import io.convro.domain.group.GroupRole;
import io.convro.domain.user.UserId;

/** A {@code group_members} row without its read pointer, and its mapping to and from {@link GroupMember}. */
public record GroupMemberRow(String groupId, long userId, String role, long joinedAt) {

    static GroupMemberRow of(String groupId, GroupMember member) {
        return new GroupMemberRow(groupId, member.userId().value(), member.role().name(), Millis.of(member.joinedAt()));
    }

    GroupMember toDomain() {
        return new GroupMember(UserId.of(userId), GroupRole.valueOf(role), Millis.toInstant(joinedAt));
    }
}
