package io.convro.adapter.inmemory.groups;

import io.convro.domain.group.GroupId;
import io.convro.domain.user.UserId;

/** The key of {@code group_members}: UNIQUE(group_id, user_id). */
record MemberKey(GroupId groupId, UserId userId) {
}
