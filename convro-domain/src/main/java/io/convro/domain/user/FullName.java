package io.convro.domain.user;

import io.convro.domain.DomainException;
import io.convro.domain.ErrorCode;

/** A display name: at most 128 characters, no control characters. */
public record FullName(String value) {
    public static final int MAX_LENGTH = 128;

    public FullName {
        if (value == null || value.codePointCount(0, value.length()) > MAX_LENGTH
                || value.codePoints().anyMatch(Character::isISOControl)) {
            throw new DomainException(ErrorCode.INVALID_FULL_NAME, "fullName must be at most 128 characters without control characters", "fullName");
        }
    }

    public static FullName parse(String text) {
        return new FullName(text);
    }

    @Override
    public String toString() {
        return value;
    }
}
