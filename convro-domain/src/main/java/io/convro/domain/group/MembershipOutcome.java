package io.convro.domain.group;

import io.convro.domain.user.UserId;
import java.util.List;

/**
 * A decided membership change: the group after it, who joined (to be told {@code group:added}), who was removed (to
 * be told {@code group:removed}), whose role changed, and whether it was the caller leaving.
 */
public record MembershipOutcome(Group group, List<GroupMember> added, List<UserId> removed, List<GroupMember> roleChanged,
                                boolean left) {
    public MembershipOutcome {
        added = List.copyOf(added);
        removed = List.copyOf(removed);
        roleChanged = List.copyOf(roleChanged);
    }

    /** Whether anything changed at all (adding a member again, or removing a non-member, is a no-op). */
    public boolean changedAnything() {
        return !added.isEmpty() || !removed.isEmpty() || !roleChanged.isEmpty();
    }
}
