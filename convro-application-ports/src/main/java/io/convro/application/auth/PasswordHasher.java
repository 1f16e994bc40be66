package io.convro.application.auth;

import io.convro.domain.user.Password;

/** Out-port: slow salted password hashing (Argon2id, OWASP parameters or stronger). */
public interface PasswordHasher {
    /** A self-describing hash (PHC string) with a fresh salt. */
    String hash(Password password);

    /** Whether {@code password} matches {@code hash}, in time independent of where they differ. */
    boolean verify(Password password, String hash);

    /**
     * Spend the time of one {@link #verify} for a user that does not exist, so a login cannot tell
     * an unknown user from a wrong password by its duration.
     */
    void verifyDummy(Password password);
}
