package io.convro.domain.user;

import io.convro.domain.DomainException;
import io.convro.domain.ErrorCode;

/** A password as typed: 8..1024 characters. Never printed: {@link #toString()} hides it. */
public final class Password {
    public static final int MIN_LENGTH = 8;
    public static final int MAX_LENGTH = 1024;
    private final String value;

    private Password(String value) {
        this.value = value;
    }

    /** A password for a new account, checked against the length rules. */
    public static Password parse(String text) {
        if (text == null || text.length() < MIN_LENGTH) {
            throw new DomainException(ErrorCode.PASSWORD_TOO_SHORT, "password must be at least 8 characters", "password");
        }
        if (text.length() > MAX_LENGTH) {
            throw new DomainException(ErrorCode.PASSWORD_TOO_LONG, "password must be at most 1024 characters", "password");
        }
        return new Password(text);
    }

    /** A password offered at login: any text is checked against the stored hash, none is rejected by shape. */
    public static Password offered(String text) {
        return new Password(text == null ? "" : text);
    }

    public String reveal() {
        return value;
    }

    @Override
    public String toString() {
        return "Password[***]";
    }
}
