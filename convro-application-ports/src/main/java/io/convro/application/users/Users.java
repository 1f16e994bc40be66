package io.convro.application.users;

import io.convro.domain.user.ConvroNumber;
import io.convro.domain.user.User;
import io.convro.domain.user.UserId;
import io.convro.domain.user.Username;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/** Out-port: stored accounts. */
public interface Users {
    /**
     * Store a new user and return it with its id. A username already taken (case-insensitively) is
     * {@code USERNAME_TAKEN}; a convro number already taken is {@code FAILED_TO_ALLOCATE_CONVRO_NUMBER}.
     */
    User insert(User user);

    Optional<User> findById(UserId id);

    /** Case-insensitive. */
    Optional<User> findByUsername(Username username);

    Optional<User> findByConvroNumber(ConvroNumber number);

    /** The users among {@code ids} that exist, in one look-up. */
    Map<UserId, User> findByIds(Collection<UserId> ids);
}
