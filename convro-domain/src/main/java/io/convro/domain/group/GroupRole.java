package io.convro.domain.group;

import io.convro.domain.DomainException;
import io.convro.domain.ErrorCode;

/** A member's role in a group: exactly one {@code OWNER}, any number of {@code ADMIN}s and {@code MEMBER}s. */
public enum GroupRole {
    OWNER,
    ADMIN,
    MEMBER;

    /** Owner and admins add and remove members, set roles, and post in channels. */
    public boolean managesMembers() {
        return this != MEMBER;
    }

    /** The wire name, exactly; anything else is {@code INVALID_ROLE}. */
    public static GroupRole parse(String text) {
        if (text != null) {
            for (GroupRole role : values()) {
                if (role.name().equals(text)) {
                    return role;
                }
            }
        }
        throw new DomainException(ErrorCode.INVALID_ROLE, "role must be OWNER, ADMIN or MEMBER", "roles");
    }
}
