package io.convro.application.groups;

import io.convro.application.messages.HistoryCursor;
import io.convro.application.messages.HistoryQuery;
import io.convro.application.shared.Caller;
import io.convro.domain.DomainException;
import io.convro.domain.ErrorCode;
import io.convro.domain.group.GroupId;

/** A page of a group's history as {@code caller} may see it: {@code limit} 1..200, as a DM history's. */
public record GroupHistoryQuery(Caller caller, GroupId groupId, HistoryCursor cursor, int limit) {
    public GroupHistoryQuery {
        if (limit < 1 || limit > HistoryQuery.MAX_LIMIT) {
            throw new DomainException(ErrorCode.INVALID_QUERY, "limit must be 1..200", "limit");
        }
        cursor = cursor == null ? new HistoryCursor.Latest() : cursor;
    }
}
