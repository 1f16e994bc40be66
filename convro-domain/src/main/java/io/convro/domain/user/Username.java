package io.convro.domain.user;

import io.convro.domain.DomainException;
import io.convro.domain.ErrorCode;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A chosen username: 3..64 of {@code [a-zA-Z0-9_.]}. Kept as registered; unique by its
 * {@link #canonical()} (lowercase) form, so {@code Sigmabo} and {@code sigmabo} collide.
 */
public record Username(String value) {
    private static final Pattern FORMAT = Pattern.compile("^[a-zA-Z0-9_.]{3,64}$");

    public Username {
        if (value == null || !FORMAT.matcher(value).matches()) {
            throw new DomainException(ErrorCode.INVALID_USERNAME, "username must be 3..64 of [a-zA-Z0-9_.]", "username");
        }
    }

    public static Username parse(String text) {
        return new Username(text);
    }

    /** The case-insensitive identity of the name. */
    public String canonical() {
        return value.toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return value;
    }
}
