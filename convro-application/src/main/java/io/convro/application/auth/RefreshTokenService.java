package io.convro.application.auth;

import io.convro.application.devices.Devices;
import io.convro.application.shared.Clock;
import io.convro.application.shared.Transactions;
import io.convro.application.users.Users;
import io.convro.domain.DomainException;
import io.convro.domain.ErrorCode;
import io.convro.domain.device.Device;
import io.convro.domain.user.User;
import java.time.Instant;

/**
 * Refresh-token rotation. The presented token is revoked and a new one issued in one transaction; the
 * atomic {@link RefreshTokens#revokeIfActive} decides the one winner of concurrent refreshes. Presenting a
 * token that was already revoked means the family leaked: every refresh token of the device is revoked,
 * and that revocation is committed even though the call is rejected.
 */
public final class RefreshTokenService implements RefreshTokenUseCase {
    private final TokenService tokens;
    private final RefreshTokens refreshTokens;
    private final Users users;
    private final Devices devices;
    private final TokenIssuer issuer;
    private final Transactions transactions;
    private final Clock clock;

    public RefreshTokenService(TokenService tokens, RefreshTokens refreshTokens, Users users, Devices devices,
                               TokenIssuer issuer, Transactions transactions, Clock clock) {
        this.tokens = tokens;
        this.refreshTokens = refreshTokens;
        this.users = users;
        this.devices = devices;
        this.issuer = issuer;
        this.transactions = transactions;
        this.clock = clock;
    }

    @Override
    public RefreshedTokens refresh(String refreshToken) {
        PresentedRefreshToken presented = tokens.parseRefreshToken(refreshToken);
        RefreshedTokens result = transactions.inTransaction(() -> rotate(presented));
        if (result == null) {
            throw revoked();
        }
        return result;
    }

    /** The new pair, or {@code null} when a revoked token was reused (the family is revoked by then). */
    private RefreshedTokens rotate(PresentedRefreshToken presented) {
        Instant now = clock.now();
        RefreshToken stored = refreshTokens.findByJti(presented.jti())
                .orElseThrow(() -> new DomainException(ErrorCode.REFRESH_NOT_FOUND, "unknown refresh token"));
        if (!tokens.refreshSecretMatches(presented, stored.secretHash())) {
            throw new DomainException(ErrorCode.REFRESH_INVALID, "refresh token does not match");
        }
        if (stored.revoked()) {
            refreshTokens.revokeAllForDevice(stored.deviceId(), now);
            return null;
        }
        if (stored.expiredAt(now)) {
            throw new DomainException(ErrorCode.REFRESH_EXPIRED, "refresh token expired");
        }
        Device device = devices.findById(stored.deviceId()).filter(Device::active).orElseThrow(RefreshTokenService::revoked);
        if (!refreshTokens.revokeIfActive(stored.jti(), now)) {
            throw revoked();
        }
        User user = users.findById(stored.userId()).orElseThrow(RefreshTokenService::revoked);
        TokenIssuer.Pair pair = issuer.issue(user, device);
        return new RefreshedTokens(user.id(), device.id(), user.convroNumber(), user.username(), pair.access(),
                pair.refresh());
    }

    private static DomainException revoked() {
        return new DomainException(ErrorCode.REFRESH_REVOKED, "refresh token revoked");
    }
}
