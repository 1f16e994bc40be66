package io.convro.adapter.persistence.groups;

import io.convro.adapter.persistence.Millis;
import io.convro.domain.group.GroupId;
import io.convro.domain.group.GroupKind;
import io.convro.domain.group.GroupMember;
import io.convro.domain.group.GroupMembership;
import io.convro.domain.group.GroupRole;
import io.convro.domain.user.UserId;

/** One member's row joined with its group's kind: a {@link GroupMembership}. */
public record MembershipRow(String groupId, String kind, long userId, String role, long joinedAt) {
    GroupMembership toDomain() {
        return new GroupMembership(GroupId.parse(groupId), GroupKind.valueOf(kind),
                new GroupMember(UserId.of(userId), GroupRole.valueOf(role), Millis.toInstant(joinedAt)));
    }
}
