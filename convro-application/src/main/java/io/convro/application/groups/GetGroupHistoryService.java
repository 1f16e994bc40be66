package io.convro.application.groups;

import io.convro.application.messages.HistoryQuery;
import io.convro.domain.group.GroupMembership;

/** One keyset page of a group's history, only what the member may see (sent since its current joinedAt). */
public final class GetGroupHistoryService implements GetGroupHistoryUseCase {
    private final LoadGroupPort groups;
    private final ReadGroupMessagesPort messages;

    public GetGroupHistoryService(LoadGroupPort groups, ReadGroupMessagesPort messages) {
        this.groups = groups;
        this.messages = messages;
    }

    @Override
    public GroupHistoryPage history(GroupHistoryQuery query) {
        GroupMembership membership = groups.findMembership(query.groupId(), query.caller().userId())
                .orElseThrow(GroupMembership::notFound);
        return messages.groupPage(query.groupId(), membership.visibleSince(), query.cursor(), query.limit(),
                HistoryQuery.MAX_PAGE_CIPHERTEXT_BYTES);
    }
}
