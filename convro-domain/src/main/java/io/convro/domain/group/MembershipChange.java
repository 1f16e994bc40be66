package io.convro.domain.group;

import io.convro.domain.user.UserId;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * What a member asks to change in a group: users to add, users to remove, roles to set. Duplicates collapse; the
 * order of the request is kept for the answer's events.
 */
public record MembershipChange(Set<UserId> add, Set<UserId> remove, Map<UserId, GroupRole> roles) {
    public MembershipChange {
        add = add == null ? Set.of() : java.util.Collections.unmodifiableSet(new LinkedHashSet<>(add));
        remove = remove == null ? Set.of() : java.util.Collections.unmodifiableSet(new LinkedHashSet<>(remove));
        roles = roles == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(roles));
    }

    /** Whether this change is {@code by} leaving: it removes only itself, and adds and sets nothing. */
    public boolean isLeaveOf(UserId by) {
        return add.isEmpty() && roles.isEmpty() && remove.size() == 1 && remove.contains(by);
    }
}
