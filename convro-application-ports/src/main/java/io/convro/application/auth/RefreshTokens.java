package io.convro.application.auth;

import io.convro.domain.device.DeviceId;
import io.convro.domain.user.UserId;
import java.time.Instant;
import java.util.Optional;

/** Out-port: stored refresh tokens. */
public interface RefreshTokens {
    void insert(RefreshToken token);

    Optional<RefreshToken> findByJti(String jti);

    /**
     * Revoke the token if it is still unrevoked, atomically: of concurrent callers exactly one gets
     * {@code true} (the rotation winner).
     */
    boolean revokeIfActive(String jti, Instant at);

    /** Revoke every unrevoked token of the device; returns how many. */
    int revokeAllForDevice(DeviceId device, Instant at);

    /** Revoke every unrevoked token of the user's devices; returns how many. */
    int revokeAllForUser(UserId user, Instant at);
}
