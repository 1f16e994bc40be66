package io.convro.application.groups;

import io.convro.domain.group.Group;
import io.convro.domain.group.GroupMembership;

/** A group with its members, for members only. */
public final class GetGroupService implements GetGroupUseCase {
    private final LoadGroupPort groups;

    public GetGroupService(LoadGroupPort groups) {
        this.groups = groups;
    }

    @Override
    public Group group(GroupQuery query) {
        return groups.findGroup(query.groupId())
                .filter(group -> group.member(query.caller().userId()).isPresent())
                .orElseThrow(GroupMembership::notFound);
    }
}
