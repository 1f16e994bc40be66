package io.convro.application.groups;

import io.convro.application.shared.Caller;
import io.convro.domain.group.GroupId;
import io.convro.domain.group.MembershipChange;

/** Add, remove and set roles in one group, or leave it (remove only oneself). */
public record ChangeMembersCommand(Caller caller, GroupId groupId, MembershipChange change) {
}
