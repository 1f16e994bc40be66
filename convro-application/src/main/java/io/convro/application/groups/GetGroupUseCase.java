package io.convro.application.groups;

import io.convro.domain.group.Group;

/** {@code GET /v1/groups/{groupId}}: the group and its members; {@code GROUP_NOT_FOUND} for a non-member. */
public interface GetGroupUseCase {
    Group group(GroupQuery query);
}
