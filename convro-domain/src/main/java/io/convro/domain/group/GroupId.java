package io.convro.domain.group;

import io.convro.domain.DomainException;
import io.convro.domain.ErrorCode;
import io.convro.domain.Hex;
import java.util.random.RandomGenerator;

/**
 * A group's server-made id: exactly 16 hex characters, case-insensitive on input, lowercase when stored. A malformed
 * id is {@code GROUP_NOT_FOUND}, like an unknown one: a group route never reveals whether a group exists.
 */
public record GroupId(String value) {
    public static final int LENGTH = 16;

    public GroupId {
        try {
            value = Hex.fixed(value, LENGTH, ErrorCode.GROUP_NOT_FOUND, "groupId");
        } catch (DomainException malformed) {
            throw new DomainException(ErrorCode.GROUP_NOT_FOUND, "no such group", "groupId");
        }
    }

    public static GroupId parse(String text) {
        return new GroupId(text);
    }

    /** A fresh random id for a new group (the server makes group ids; clients never choose them). */
    public static GroupId random(RandomGenerator random) {
        return new GroupId(String.format("%016x", random.nextLong()));
    }

    @Override
    public String toString() {
        return value;
    }
}
