package io.convro.domain.group;

import io.convro.domain.DomainException;
import io.convro.domain.ErrorCode;

/** What a group is: a {@code GROUP} where every member posts, or a {@code CHANNEL} where only owner and admins post. */
public enum GroupKind {
    GROUP(1_000),
    CHANNEL(100_000);

    private final int maxMembers;

    GroupKind(int maxMembers) {
        this.maxMembers = maxMembers;
    }

    /** The most members a group of this kind may have, its owner included. */
    public int maxMembers() {
        return maxMembers;
    }

    /** Whether a member with {@code role} may post in a group of this kind. */
    public boolean mayPost(GroupRole role) {
        return this == GROUP || role.managesMembers();
    }

    /** The wire name, exactly ({@code GROUP} or {@code CHANNEL}); anything else is {@code INVALID_GROUP_KIND}. */
    public static GroupKind parse(String text) {
        if (text != null) {
            for (GroupKind kind : values()) {
                if (kind.name().equals(text)) {
                    return kind;
                }
            }
        }
        throw new DomainException(ErrorCode.INVALID_GROUP_KIND, "kind must be GROUP or CHANNEL", "kind");
    }
}
