package io.convro.application.groups;

import io.convro.domain.user.UserId;
import java.util.List;

/** Out-port: the group list of one user. */
public interface ListGroupsPort {
    /**
     * Every group {@code user} is a member of, most recent activity first (the serverTimestamp of the newest message
     * it may see, else the group's creation; then the higher groupId first), each with its member count, the newest
     * message the user may see, and how many messages it may see are unread (after its read pointer, not its own),
     * counted no further than {@code unreadCap}.
     */
    List<GroupSummary> groupsOf(UserId user, int unreadCap);
}
