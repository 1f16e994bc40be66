package io.convro.domain.group;

import io.convro.domain.user.UserId;
import java.time.Instant;

/** One member of a group: who, with which role, and since when (it sees the messages sent since then). */
public record GroupMember(UserId userId, GroupRole role, Instant joinedAt) {
    public GroupMember withRole(GroupRole newRole) {
        return new GroupMember(userId, newRole, joinedAt);
    }
}
