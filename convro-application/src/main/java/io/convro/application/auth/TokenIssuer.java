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
        String access = tokens.issueAccessToken(grant(user, device));
        IssuedRefreshToken refresh = tokens.newRefreshToken();
        store(refresh, user, device, clock.now());
        return new Pair(access, refresh.token());
    }

    /**
     * The pair that replaces {@code presented} (already revoked by the caller): the successor derived from it,
     * stored as of {@code rotatedAt}, and the access token dated then. A retry of the same rotation gets the same
     * pair from {@link #reissue}.
     */
    public Pair rotate(User user, Device device, PresentedRefreshToken presented, Instant rotatedAt) {
        IssuedRefreshToken successor = tokens.successorOf(presented);
        store(successor, user, device, rotatedAt);
        return new Pair(tokens.accessTokenFor(grant(user, device), successor, rotatedAt), successor.token());
    }

    /** The pair {@link #rotate} gave for {@code presented}, whose successor {@code stored} is; nothing is stored. */
    public Pair reissue(User user, Device device, IssuedRefreshToken successor, RefreshToken stored) {
        return new Pair(tokens.accessTokenFor(grant(user, device), successor, stored.createdAt()), successor.token());
    }

    private void store(IssuedRefreshToken refresh, User user, Device device, Instant now) {
        refreshTokens.insert(new RefreshToken(refresh.jti(), user.id(), device.id(), refresh.secretHash(), now,
                now.plus(refreshTokenTtl), null));
    }

    private static AccessGrant grant(User user, Device device) {
        return new AccessGrant(user.id(), device.id(), user.convroNumber(), user.username(), device.tokenGeneration());
    }
}
