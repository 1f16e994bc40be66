package io.convro.adapter.inmemory.groups;

import io.convro.domain.group.GroupId;
import io.convro.domain.group.GroupMember;
import io.convro.domain.message.MessageId;

/** A row of {@code group_members}: the member and its read pointer ({@code readUpTo} may be null). */
record MemberRow(GroupId groupId, GroupMember member, MessageId readUpTo) {
}
