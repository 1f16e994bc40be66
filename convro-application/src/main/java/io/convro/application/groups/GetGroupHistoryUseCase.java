package io.convro.application.groups;

/** {@code GET /v1/groups/{groupId}/messages}: the messages sent since the caller joined, a page at a time. */
public interface GetGroupHistoryUseCase {
    GroupHistoryPage history(GroupHistoryQuery query);
}
