package io.convro.domain.group;

import io.convro.domain.DomainException;
import io.convro.domain.ErrorCode;
import io.convro.domain.user.UserId;
import java.util.List;
import java.util.Map;

/** One rule a membership change must pass, in the order a client is told about them. */
@FunctionalInterface
interface MembershipPolicy {
    void check(Group group, UserId by, GroupRole callerRole, MembershipChange change);

    /** A {@code MEMBER} may only leave; everything else is for the owner and admins. */
    MembershipPolicy MEMBERS_ONLY_LEAVE = (group, by, role, change) -> {
        if (!role.managesMembers() && !change.isLeaveOf(by)) {
            throw new DomainException(ErrorCode.NOT_GROUP_ADMIN, "only the owner and admins change members; a member may only leave");
        }
    };
    /** Handing ownership over is the owner's alone. */
    MembershipPolicy ONLY_THE_OWNER_HANDS_OVER = (group, by, role, change) -> {
        if (role != GroupRole.OWNER && change.roles().containsValue(GroupRole.OWNER)) {
            throw new DomainException(ErrorCode.NOT_GROUP_ADMIN, "only the owner hands ownership over", "roles");
        }
    };
    /** A group has exactly one owner: one request names at most one new one. */
    MembershipPolicy ONE_NEW_OWNER_AT_MOST = (group, by, role, change) -> {
        if (change.roles().values().stream().filter(GroupRole.OWNER::equals).count() > 1) {
            throw new DomainException(ErrorCode.INVALID_ROLE, "a group has exactly one owner", "roles");
        }
    };
    /** A role is set only on someone who is a member once the change is made. */
    MembershipPolicy ROLES_ONLY_FOR_MEMBERS = (group, by, role, change) -> {
        for (UserId user : change.roles().keySet()) {
            boolean memberAfter = (group.member(user).isPresent() || change.add().contains(user)) && !change.remove().contains(user);
            if (!memberAfter) {
                throw new DomainException(ErrorCode.NOT_A_MEMBER, "user " + user + " is not a member", "roles");
            }
        }
    };
    /** The owner is never demoted nor removed: it hands ownership over first (and then is an admin). */
    MembershipPolicy OWNER_STAYS = (group, by, role, change) -> {
        UserId owner = group.owner();
        GroupRole ownerRole = change.roles().get(owner);
        if (ownerRole != null && ownerRole != GroupRole.OWNER) {
            throw new DomainException(ErrorCode.OWNER_REQUIRED, "the owner's role cannot change; hand ownership over instead", "roles");
        }
        UserId newOwner = change.roles().entrySet().stream().filter(entry -> entry.getValue() == GroupRole.OWNER)
                .map(Map.Entry::getKey).findFirst().orElse(owner);
        if (change.remove().contains(newOwner)) {
            throw new DomainException(ErrorCode.OWNER_REQUIRED, "the owner cannot be removed; hand ownership over first", "remove");
        }
    };

    List<MembershipPolicy> PERMISSIONS = List.of(MEMBERS_ONLY_LEAVE, ONLY_THE_OWNER_HANDS_OVER);
    List<MembershipPolicy> CONSISTENCY = List.of(ONE_NEW_OWNER_AT_MOST, ROLES_ONLY_FOR_MEMBERS, OWNER_STAYS);
}
