package io.convro.domain.user;

import java.time.Instant;

/**
 * A Convro account. The password is held only as an Argon2id hash (PHC string).
 *
 * @param id {@code null} until stored
 * @param username may be {@code null}
 * @param fullName may be {@code null}
 */
public record User(UserId id, ConvroNumber convroNumber, Username username, FullName fullName, String passwordHash,
                   Instant createdAt) {
    public User withId(UserId newId) {
        return new User(newId, convroNumber, username, fullName, passwordHash, createdAt);
    }

    @Override
    public String toString() {
        return "User[id=" + id + ", convroNumber=" + convroNumber + ", username=" + username + "]";
    }
}
