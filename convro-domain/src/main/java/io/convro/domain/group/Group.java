package io.convro.domain.group;

import io.convro.domain.DomainException;
import io.convro.domain.ErrorCode;
import io.convro.domain.user.UserId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A group or channel and its members. It decides who may change the membership and what a change leaves behind,
 * keeping its invariants: exactly one {@code OWNER}, at most {@link GroupKind#maxMembers()} members. It does not
 * save itself: use cases persist what {@link #change} returns.
 *
 * @param encryptedTitle may be {@code null}
 * @param members        in the order they joined, the owner first at creation
 */
public record Group(GroupId id, GroupKind kind, EncryptedTitle encryptedTitle, Instant createdAt, List<GroupMember> members) {
    public Group {
        members = List.copyOf(members);
    }

    /**
     * A new group whose {@code owner} is its creator and only {@code OWNER}; {@code memberUserIds} join as
     * {@code MEMBER} (duplicates and the owner's own id are ignored). More than the kind allows is {@code GROUP_FULL}.
     */
    public static Group create(GroupId id, GroupKind kind, EncryptedTitle encryptedTitle, UserId owner,
                               Collection<UserId> memberUserIds, Instant now) {
        Map<UserId, GroupMember> members = new LinkedHashMap<>();
        members.put(owner, new GroupMember(owner, GroupRole.OWNER, now));
        for (UserId user : memberUserIds) {
            members.putIfAbsent(user, new GroupMember(user, GroupRole.MEMBER, now));
        }
        checkCapacity(kind, members.size());
        return new Group(id, kind, encryptedTitle, now, new ArrayList<>(members.values()));
    }

    public Optional<GroupMember> member(UserId user) {
        return members.stream().filter(member -> member.userId().equals(user)).findFirst();
    }

    /** {@code user}'s standing here, or {@code GROUP_NOT_FOUND} when it is not a member. */
    public GroupMembership membershipOf(UserId user) {
        return member(user).map(member -> new GroupMembership(id, kind, member)).orElseThrow(GroupMembership::notFound);
    }

    public UserId owner() {
        return members.stream().filter(member -> member.role() == GroupRole.OWNER).findFirst()
                .orElseThrow(() -> new IllegalStateException("group " + id + " has no owner")).userId();
    }

    /**
     * Check that {@code by} may ask for {@code change} at all, before anything else about it is looked at: a non-member
     * gets {@code GROUP_NOT_FOUND}; a {@code MEMBER} may only leave ({@code NOT_GROUP_ADMIN}); only the owner hands
     * ownership over ({@code NOT_GROUP_ADMIN} for an admin who tries).
     */
    public void checkMayChange(UserId by, MembershipChange change) {
        GroupRole role = membershipOf(by).member().role();
        for (MembershipPolicy policy : MembershipPolicy.PERMISSIONS) {
            policy.check(this, by, role, change);
        }
    }

    /**
     * Decide {@code change} asked by {@code by}: the members become (current ∪ add) − remove, then the roles are set.
     * Rejections, first failure wins: those of {@link #checkMayChange}; {@code INVALID_ROLE} for two new owners;
     * {@code NOT_A_MEMBER} for a role of someone who is not a member afterwards; {@code OWNER_REQUIRED} when the owner
     * would be removed or demoted (handing ownership over first makes the old owner an {@code ADMIN}, free to leave);
     * {@code GROUP_FULL} beyond the kind's limit. Adding a member again and removing a non-member change nothing.
     */
    public MembershipOutcome change(UserId by, MembershipChange change, Instant now) {
        checkMayChange(by, change);
        GroupRole callerRole = membershipOf(by).member().role();
        for (MembershipPolicy policy : MembershipPolicy.CONSISTENCY) {
            policy.check(this, by, callerRole, change);
        }
        Map<UserId, GroupMember> after = new LinkedHashMap<>();
        for (GroupMember member : members) {
            after.put(member.userId(), member);
        }
        for (UserId user : change.add()) {
            after.putIfAbsent(user, new GroupMember(user, GroupRole.MEMBER, now));
        }
        List<UserId> removed = new ArrayList<>();
        for (UserId user : change.remove()) {
            if (after.remove(user) != null && member(user).isPresent()) {
                removed.add(user);
            }
        }
        applyRoles(change, after);
        checkCapacity(kind, after.size());
        List<GroupMember> roleChanged = new ArrayList<>();
        List<GroupMember> added = new ArrayList<>();
        for (GroupMember member : after.values()) {
            Optional<GroupMember> before = member(member.userId());
            if (before.isEmpty()) {
                added.add(member);
            } else if (before.get().role() != member.role()) {
                roleChanged.add(member);
            }
        }
        Group changed = new Group(id, kind, encryptedTitle, createdAt, new ArrayList<>(after.values()));
        return new MembershipOutcome(changed, added, removed, roleChanged, change.isLeaveOf(by));
    }

    private void applyRoles(MembershipChange change, Map<UserId, GroupMember> after) {
        UserId owner = owner();
        for (Map.Entry<UserId, GroupRole> entry : change.roles().entrySet()) {
            UserId user = entry.getKey();
            if (entry.getValue() == GroupRole.OWNER) {
                if (!user.equals(owner)) {
                    after.put(user, after.get(user).withRole(GroupRole.OWNER));
                    after.computeIfPresent(owner, (id, old) -> old.withRole(GroupRole.ADMIN));
                }
            } else {
                after.put(user, after.get(user).withRole(entry.getValue()));
            }
        }
    }

    private static void checkCapacity(GroupKind kind, int size) {
        if (size > kind.maxMembers()) {
            throw new DomainException(ErrorCode.GROUP_FULL, "a " + kind + " has at most " + kind.maxMembers() + " members");
        }
    }
}
