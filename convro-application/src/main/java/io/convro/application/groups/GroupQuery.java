package io.convro.application.groups;

import io.convro.application.shared.Caller;
import io.convro.domain.group.GroupId;

/** One group, as its member {@code caller} sees it. */
public record GroupQuery(Caller caller, GroupId groupId) {
}
