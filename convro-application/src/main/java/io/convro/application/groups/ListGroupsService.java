package io.convro.application.groups;

import io.convro.application.shared.Caller;
import io.convro.domain.group.GroupId;
import io.convro.domain.user.UserId;
import java.util.List;

/** The caller's groups, most recent activity first, with unread counts capped as a conversation's are. */
public final class ListGroupsService implements ListGroupsUseCase, ListGroupRoomsUseCase {
    private final LoadGroupPort load;
    private final ListGroupsPort list;

    public ListGroupsService(LoadGroupPort load, ListGroupsPort list) {
        this.load = load;
        this.list = list;
    }

    @Override
    public List<GroupSummary> groups(Caller caller) {
        return list.groupsOf(caller.userId(), GroupSummary.UNREAD_COUNT_CAP);
    }

    @Override
    public List<GroupId> roomsOf(UserId user) {
        return load.groupIdsOf(user);
    }
}
