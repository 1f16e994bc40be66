package io.convro.adapter.inmemory.auth;

import io.convro.adapter.inmemory.InMemoryDatabase;
import io.convro.adapter.inmemory.Table;
import io.convro.adapter.inmemory.devices.InMemoryDevices;
import io.convro.adapter.inmemory.users.InMemoryUsers;
import io.convro.application.auth.RefreshToken;
import io.convro.application.auth.RefreshTokens;
import io.convro.domain.device.DeviceId;
import io.convro.domain.user.UserId;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * The {@code refresh_tokens} table, keyed by jti. Revocation is a conditional update under the database
 * lock, so of concurrent rotations of one token exactly one wins. As the schema does, it refuses with
 * {@link IllegalStateException} (a bug) a token of an unknown user or device, a jti that is not 8..64
 * lowercase hex, and a secret hash that is not a hex SHA-256 (so a raw secret can never be stored).
 */
public final class InMemoryRefreshTokens implements RefreshTokens {
    private static final Pattern JTI = Pattern.compile("^[0-9a-f]{8,64}$");
    private static final Pattern SHA256_HEX = Pattern.compile("^[0-9a-f]{64}$");

    private final InMemoryDatabase database;
    private final InMemoryUsers users;
    private final InMemoryDevices devices;
    private final Table<String, RefreshToken> tokens;

    public InMemoryRefreshTokens(InMemoryDatabase database, InMemoryUsers users, InMemoryDevices devices) {
        this.database = Objects.requireNonNull(database);
        this.users = Objects.requireNonNull(users);
        this.devices = Objects.requireNonNull(devices);
        this.tokens = database.newTable("refresh_tokens");
    }

    /** {@inheritDoc} A jti already stored is a bug (jtis are random): {@link IllegalStateException}. */
    @Override
    public void insert(RefreshToken token) {
        if (token.jti() == null || !JTI.matcher(token.jti()).matches()) {
            throw new IllegalStateException("check constraint: a jti is 8..64 lowercase hex characters");
        }
        if (token.secretHash() == null || !SHA256_HEX.matcher(token.secretHash()).matches()) {
            throw new IllegalStateException("check constraint: the secret hash is a SHA-256 in lowercase hex");
        }
        database.execute(() -> {
            if (users.findById(token.userId()).isEmpty()) {
                throw new IllegalStateException("foreign key: no user " + token.userId() + " for a refresh token");
            }
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

    /** Delete up to {@code batch} tokens whose expiry is before {@code cutoff}; answers how many (retention). */
    public int deleteExpiredBefore(Instant cutoff, int batch) {
        return database.statement(() -> {
            List<RefreshToken> expired = tokens.select(token -> token.expiresAt().isBefore(cutoff));
            List<RefreshToken> now = expired.subList(0, Math.min(batch, expired.size()));
            now.forEach(token -> tokens.delete(token.jti()));
            return now.size();
        });
    }

    private static RefreshToken revoked(RefreshToken token, Instant at) {
        return new RefreshToken(token.jti(), token.userId(), token.deviceId(), token.secretHash(), token.createdAt(),
                token.expiresAt(), at);
    }
}
