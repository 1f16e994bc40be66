package io.convro.adapter.persistence.auth;

import io.convro.adapter.persistence.Handles;
import io.convro.application.auth.RefreshToken;
import io.convro.application.auth.RefreshTokens;
import io.convro.domain.device.DeviceId;
import io.convro.domain.user.UserId;
import java.time.Instant;
import java.util.Optional;

/** {@link RefreshTokens} on the {@code refresh_tokens} table. */
public final class JdbiRefreshTokens implements RefreshTokens {
    private final Handles handles;

    public JdbiRefreshTokens(Handles handles) {
        this.handles = handles;
    }

    @Override
    public void insert(RefreshToken token) {
        RefreshTokenRow row = RefreshTokenRow.of(token);
        handles.withDao(RefreshTokenDao.class, dao -> {
            dao.insert(row);
            return null;
        });
    }

    @Override
    public Optional<RefreshToken> findByJti(String jti) {
        return handles.withDao(RefreshTokenDao.class, dao -> dao.findByJti(jti)).map(RefreshTokenRow::toDomain);
    }

    @Override
    public boolean revokeIfActive(String jti, Instant at) {
        return handles.withDao(RefreshTokenDao.class, dao -> dao.revokeIfActive(jti, at.toEpochMilli())) == 1;
    }

    @Override
    public int revokeAllForDevice(DeviceId device, Instant at) {
        return handles.withDao(RefreshTokenDao.class, dao -> dao.revokeAllForDevice(device.value(), at.toEpochMilli()));
    }

    @Override
    public int revokeAllForUser(UserId user, Instant at) {
        return handles.withDao(RefreshTokenDao.class, dao -> dao.revokeAllForUser(user.value(), at.toEpochMilli()));
    }
}
