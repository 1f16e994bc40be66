package io.convro.application.auth;

import io.convro.application.shared.Clock;
import io.convro.domain.device.Device;
import io.convro.domain.user.User;
import java.time.Duration;
import java.time.Instant;

/**
 * Issues the token pair of a signed-in device: a fresh access token and a stored refresh token (hash only).
 * Runs inside the caller's transaction, so a failed sign-in stores no token.
 */
public final class TokenIssuer {
    private final TokenService tokens;
    private final RefreshTokens refreshTokens;
    private final Clock clock;
    private final Duration refreshTokenTtl;

    public TokenIssuer(TokenService tokens, RefreshTokens refreshTokens, Clock clock, Duration refreshTokenTtl) {
        this.tokens = tokens;
        this.refreshTokens = refreshTokens;
        this.clock = clock;
        this.refreshTokenTtl = refreshTokenTtl;
    }

    /** The pair of a device: {@code access} is a JWT, {@code refresh} is {@code rt_<jti>_<secret>}. */
    public record Pair(String access, String refresh) {
        @Override
        public String toString() {
            return "Pair[***]";
        }
    }

    public Pair issue(User user, Device device) {
        String access = tokens.issueAccessToken(new AccessGrant(user.id(), device.id(), user.convroNumber(),
                user.username(), device.tokenGeneration()));
        IssuedRefreshToken refresh = tokens.newRefreshToken();
        Instant now = clock.now();
        refreshTokens.insert(new RefreshToken(refresh.jti(), user.id(), device.id(), refresh.secretHash(), now,
                now.plus(refreshTokenTtl), null));
        return new Pair(access, refresh.token());
    }
}
