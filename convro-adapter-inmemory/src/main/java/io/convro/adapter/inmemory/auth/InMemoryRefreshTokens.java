package io.convro.adapter.inmemory.auth;

import io.convro.adapter.inmemory.InMemoryDatabase;
import io.convro.adapter.inmemory.Table;
import io.convro.adapter.inmemory.devices.InMemoryDevices;
import io.convro.application.auth.RefreshToken;
import io.convro.application.auth.RefreshTokens;
import io.convro.domain.device.DeviceId;
import io.convro.domain.user.UserId;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The {@code refresh_tokens} table, keyed by jti. Revocation is a conditional update under the database
 * lock, so of concurrent rotations of one token exactly one wins. A token of an unknown device is a
 * foreign-key violation, a bug: {@link IllegalStateException}.
 */
public final class InMemoryRefreshTokens implements RefreshTokens {
    private final InMemoryDatabase database;
    private final InMemoryDevices devices;
    private final Table<String, RefreshToken> tokens;

    public InMemoryRefreshTokens(InMemoryDatabase database, InMemoryDevices devices) {
        this.database = Objects.requireNonNull(database);
        this.devices = Objects.requireNonNull(devices);
        this.tokens = database.newTable("refresh_tokens");
    }

    /** {@inheritDoc} A jti already stored is a bug (jtis are random): {@link IllegalStateException}. */
    @Override
    public void insert(RefreshToken token) {
        database.execute(() -> {
            if (devices.findById(token.deviceId()).isEmpty()) {
                throw new IllegalStateException("foreign key: no device " + token.deviceId() + " for a refresh token");
            }
            tokens.insert(token.jti(), token);
        });
    }

    @Override
    public Optional<RefreshToken> findByJti(String jti) {
        return database.statement(() -> tokens.find(jti));
    }

    @Override
    public boolean revokeIfActive(String jti, Instant at) {
        Objects.requireNonNull(at);
        return database.statement(() -> {
            Optional<RefreshToken> token = tokens.find(jti).filter(found -> !found.revoked());
            token.ifPresent(found -> tokens.update(jti, revoked(found, at)));
            return token.isPresent();
        });
    }

    @Override
    public int revokeAllForDevice(DeviceId device, Instant at) {
        return revokeAll(token -> token.deviceId().equals(device), at);
    }

    @Override
    public int revokeAllForUser(UserId user, Instant at) {
        return revokeAll(token -> token.userId().equals(user), at);
    }

    private int revokeAll(Predicate<RefreshToken> which, Instant at) {
        Objects.requireNonNull(at);
        return database.statement(() -> {
            List<RefreshToken> active = tokens.select(token -> !token.revoked() && which.test(token));
            for (RefreshToken token : active) {
                tokens.update(token.jti(), revoked(token, at));
            }
            return active.size();
        });
    }

    private static RefreshToken revoked(RefreshToken token, Instant at) {
        return new RefreshToken(token.jti(), token.userId(), token.deviceId(), token.secretHash(), token.createdAt(),
                token.expiresAt(), at);
    }
}
