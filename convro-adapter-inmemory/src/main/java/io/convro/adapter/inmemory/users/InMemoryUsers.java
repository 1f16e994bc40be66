package io.convro.adapter.inmemory.users;

import io.convro.adapter.inmemory.InMemoryDatabase;
import io.convro.adapter.inmemory.Table;
import io.convro.application.users.Users;
import io.convro.domain.DomainException;
import io.convro.domain.ErrorCode;
import io.convro.domain.user.ConvroNumber;
import io.convro.domain.user.User;
import io.convro.domain.user.UserId;
import io.convro.domain.user.Username;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The {@code users} table, with the unique indexes a database keeps: canonical (lowercase) username and
 * convro number. Ids come from a sequence starting at 1 that, like AUTO_INCREMENT, is not rolled back.
 */
public final class InMemoryUsers implements Users {
    private final InMemoryDatabase database;
    private final Table<UserId, User> users;
    private final Table<String, UserId> byUsername;
    private final Table<ConvroNumber, UserId> byConvroNumber;
    private final AtomicLong ids = new AtomicLong();

    public InMemoryUsers(InMemoryDatabase database) {
        this.database = Objects.requireNonNull(database);
        this.users = database.newTable("users");
        this.byUsername = database.newTable("users.username");
        this.byConvroNumber = database.newTable("users.convro_number");
    }

    /** {@inheritDoc} The id of {@code user}, if any, is ignored: the table assigns it. */
    @Override
    public User insert(User user) {
        Objects.requireNonNull(user.convroNumber(), "convroNumber");
        return database.statement(() -> {
            if (user.username() != null && byUsername.contains(user.username().canonical())) {
                throw new DomainException(ErrorCode.USERNAME_TAKEN, "that username is already taken", "username");
            }
            if (byConvroNumber.contains(user.convroNumber())) {
                throw new DomainException(ErrorCode.FAILED_TO_ALLOCATE_CONVRO_NUMBER, "that convro number is already taken");
            }
            User stored = user.withId(UserId.of(ids.incrementAndGet()));
            users.insert(stored.id(), stored);
            if (stored.username() != null) {
                byUsername.insert(stored.username().canonical(), stored.id());
            }
            byConvroNumber.insert(stored.convroNumber(), stored.id());
            return stored;
        });
    }

    @Override
    public Optional<User> findById(UserId id) {
        return database.statement(() -> users.find(id));
    }

    @Override
    public Optional<User> findByUsername(Username username) {
        return database.statement(() -> byUsername.find(username.canonical()).flatMap(users::find));
    }

    @Override
    public Optional<User> findByConvroNumber(ConvroNumber number) {
        return database.statement(() -> byConvroNumber.find(number).flatMap(users::find));
    }

    @Override
    public Map<UserId, User> findByIds(Collection<UserId> ids) {
        return database.statement(() -> {
            Map<UserId, User> found = new HashMap<>();
            for (UserId id : ids) {
                users.find(id).ifPresent(user -> found.put(id, user));
            }
            return Map.copyOf(found);
        });
    }
}
