package io.convro.application.groups;

/**
 * {@code POST /v1/groups/{groupId}/members}: owner and admins add, remove and set roles; any member may leave. Added
 * users are told {@code group:added}, removed ones {@code group:removed}, the members {@code group:members}.
 */
public interface ChangeMembersUseCase {
    MembersChanged change(ChangeMembersCommand command);
}
