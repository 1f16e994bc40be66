package io.convro.adapter.persistence.auth;

import io.convro.adapter.persistence.Millis;
import io.convro.application.auth.RefreshToken;
import io.convro.domain.device.DeviceId;
import io.convro.domain.user.UserId;

/**
 * A {@code refresh_tokens} row: the token's id and the SHA-256 of its secret, never the secret.
 * Public only because JDBI binds and maps it reflectively; not an API of the adapter.
 */
public record RefreshTokenRow(String jti, long userId, String deviceId, String tokenHash, long createdAt, long expiresAt,
                       Long revokedAt) {

    static RefreshTokenRow of(RefreshToken token) {
        return new RefreshTokenRow(token.jti(), token.userId().value(), token.deviceId().value(), token.secretHash(),
                Millis.of(token.createdAt()), Millis.of(token.expiresAt()), Millis.of(token.revokedAt()));
    }

    RefreshToken toDomain() {
        return new RefreshToken(jti, UserId.of(userId), DeviceId.parse(deviceId), tokenHash, Millis.toInstant(createdAt),
                Millis.toInstant(expiresAt), Millis.toInstant(revokedAt));
    }
}
