package io.convro.application.groups;

import io.convro.domain.group.Group;

/** {@code POST /v1/groups}: a new group whose owner is the caller; every member is told {@code group:added}. */
public interface CreateGroupUseCase {
    Group create(CreateGroupCommand command);
}
