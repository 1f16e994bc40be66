package io.convro.domain.user;

import io.convro.domain.DomainException;
import io.convro.domain.ErrorCode;

/** A user's server id: a positive 64-bit integer. */
public record UserId(long value) {
    public UserId {
        if (value <= 0) {
            throw new DomainException(ErrorCode.INVALID_QUERY, "userId must be a positive integer", "userId");
        }
    }

    /** Parse a decimal user id; a malformed one is {@code INVALID_QUERY} (ids arrive in query strings). */
    public static UserId parse(String text) {
        try {
            long value = Long.parseLong(text == null ? "" : text.trim());
            if (value > 0) {
                return new UserId(value);
            }
        } catch (NumberFormatException ignored) {
            // falls through to the rejection below
        }
        throw new DomainException(ErrorCode.INVALID_QUERY, "userId must be a positive integer", "userId");
    }

    public static UserId of(long value) {
        return new UserId(value);
    }

    @Override
    public String toString() {
        return Long.toString(value);
    }
}
