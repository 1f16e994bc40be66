package io.convro.adapter.persistence.users;

import io.convro.adapter.persistence.Conflicts;
import io.convro.adapter.persistence.Handles;
import io.convro.application.users.Users;
import io.convro.domain.DomainException;
import io.convro.domain.ErrorCode;
import io.convro.domain.user.ConvroNumber;
import io.convro.domain.user.User;
import io.convro.domain.user.UserId;
import io.convro.domain.user.Username;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** {@link Users} on the {@code users} table; usernames are unique by their lowercase form (a DB UNIQUE). */
public final class JdbiUsers implements Users {
    private final Handles handles;

    public JdbiUsers(Handles handles) {
        this.handles = handles;
    }

    @Override
    public User insert(User user) {
        UserRow row = UserRow.of(user);
        long id = Conflicts.translate(() -> handles.withDao(UserDao.class, dao -> dao.insert(row)), Map.of(
                "uq_users_username", () -> new DomainException(ErrorCode.USERNAME_TAKEN, "username is already taken", "username"),
                "uq_users_convro_number", () -> new DomainException(ErrorCode.FAILED_TO_ALLOCATE_CONVRO_NUMBER,
                        "the allocated convro number is already taken")));
        return user.withId(UserId.of(id));
    }

    @Override
    public Optional<User> findById(UserId id) {
        return handles.withDao(UserDao.class, dao -> dao.findById(id.value())).map(UserRow::toDomain);
    }

    @Override
    public Optional<User> findByUsername(Username username) {
        return handles.withDao(UserDao.class, dao -> dao.findByUsernameCanonical(username.canonical())).map(UserRow::toDomain);
    }

    @Override
    public Optional<User> findByConvroNumber(ConvroNumber number) {
        return handles.withDao(UserDao.class, dao -> dao.findByConvroNumber(number.value())).map(UserRow::toDomain);
    }

    @Override
    public Map<UserId, User> findByIds(Collection<UserId> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        var values = ids.stream().map(UserId::value).distinct().toList();
        return handles.withDao(UserDao.class, dao -> dao.findByIds(values)).stream()
                .map(UserRow::toDomain)
                .collect(Collectors.toMap(User::id, Function.identity()));
    }
}
