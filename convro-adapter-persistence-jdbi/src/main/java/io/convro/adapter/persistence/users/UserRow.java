package io.convro.adapter.persistence.users;

import io.convro.adapter.persistence.Millis;
import io.convro.domain.user.ConvroNumber;
import io.convro.domain.user.FullName;
import io.convro.domain.user.User;
import io.convro.domain.user.UserId;
import io.convro.domain.user.Username;

/**
 * A {@code users} row, and its explicit mapping to and from the domain's {@link User}.
 * Public only because JDBI binds and maps it reflectively; not an API of the adapter.
 */
public record UserRow(long id, String convroNumber, String username, String usernameCanonical, String fullName,
               String passwordHash, long createdAt) {

    static UserRow of(User user) {
        return new UserRow(user.id() == null ? 0 : user.id().value(), user.convroNumber().value(),
                user.username() == null ? null : user.username().value(),
                user.username() == null ? null : user.username().canonical(),
                user.fullName() == null ? null : user.fullName().value(), user.passwordHash(),
                Millis.of(user.createdAt()));
    }

    User toDomain() {
        return new User(UserId.of(id), ConvroNumber.parse(convroNumber), username == null ? null : Username.parse(username),
                fullName == null ? null : FullName.parse(fullName), passwordHash, Millis.toInstant(createdAt));
    }
}
