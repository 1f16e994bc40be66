package io.convro.application.groups;

import io.convro.domain.group.Group;
import io.convro.domain.group.GroupId;
import io.convro.domain.group.GroupMembership;
import io.convro.domain.user.UserId;
import java.util.List;
import java.util.Optional;

/** Out-port: reads groups and their members. */
public interface LoadGroupPort {
    /** The group with all its members, in the order they joined. */
    Optional<Group> findGroup(GroupId id);

    /**
     * {@link #findGroup}, and the group stays locked against other membership changes until the caller's transaction
     * ends: concurrent changes apply one after the other, each deciding on what the previous one left.
     */
    Optional<Group> findGroupForChange(GroupId id);

    /** One user's standing in one group (kind, role, joinedAt), without loading the other members. */
    Optional<GroupMembership> findMembership(GroupId id, UserId user);

    /** The groups {@code user} is a member of, for the rooms its sockets join on connect. */
    List<GroupId> groupIdsOf(UserId user);
}
