package io.convro.application.auth;

import io.convro.domain.device.DeviceId;
import io.convro.domain.user.UserId;
import java.time.Instant;

/** A stored refresh token: only the SHA-256 of its secret is kept. {@code revokedAt} is null while usable. */
public record RefreshToken(String jti, UserId userId, DeviceId deviceId, String secretHash, Instant createdAt,
                           Instant expiresAt, Instant revokedAt) {
    public boolean revoked() {
        return revokedAt != null;
    }

    public boolean expiredAt(Instant now) {
        return !now.isBefore(expiresAt);
    }
}
