package io.convro.application.groups;

import io.convro.domain.group.Group;
import io.convro.domain.group.MembershipOutcome;

/** Out-port: writes groups and their members. */
public interface SaveGroupPort {
    /** Store a new group and its members; a groupId already taken throws {@link DuplicateGroupIdException}. */
    void insertGroup(Group group);

    /**
     * Store a decided membership change: the added members inserted (a re-added user starts with a new joinedAt and
     * no read pointer), the removed ones deleted, the changed roles updated.
     */
    void saveMembershipChange(MembershipOutcome outcome);
}
