package io.convro.application.groups;

import io.convro.application.shared.Caller;
import java.util.List;

/** {@code GET /v1/groups}: the caller's groups, most recent activity first. */
public interface ListGroupsUseCase {
    List<GroupSummary> groups(Caller caller);
}
