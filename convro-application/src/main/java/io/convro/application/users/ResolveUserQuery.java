package io.convro.application.users;

import io.convro.domain.user.ConvroNumber;
import io.convro.domain.user.Username;

/** Find a user by exactly one of their public handles. */
public sealed interface ResolveUserQuery {
    record ByConvroNumber(ConvroNumber convroNumber) implements ResolveUserQuery {
    }

    record ByUsername(Username username) implements ResolveUserQuery {
    }
}
