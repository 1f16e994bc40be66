package io.convro.domain.group;

import io.convro.domain.DomainException;
import io.convro.domain.ErrorCode;
import java.time.Instant;

/**
 * One user's standing in one group, all a post or a history read needs (a channel may have 100,000 members: neither
 * loads them all).
 */
public record GroupMembership(GroupId groupId, GroupKind kind, GroupMember member) {

    /** Check that this member may post now: a channel's {@code MEMBER} only reads ({@code CHANNEL_READ_ONLY}). */
    public void checkPost() {
        if (!kind.mayPost(member.role())) {
            throw new DomainException(ErrorCode.CHANNEL_READ_ONLY, "only the owner and admins post in a channel");
        }
    }

    /** The member sees messages sent at or after this instant: a member removed and added again starts afresh. */
    public Instant visibleSince() {
        return member.joinedAt();
    }

    /** The rejection for a group the caller is not a member of: existence is not revealed. */
    public static DomainException notFound() {
        return new DomainException(ErrorCode.GROUP_NOT_FOUND, "no such group", "groupId");
    }
}
