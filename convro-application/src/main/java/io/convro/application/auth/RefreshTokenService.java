package io.convro.application.auth;

import io.convro.application.devices.Devices;
import io.convro.application.shared.Clock;
import io.convro.application.shared.Transactions;
import io.convro.application.users.Users;
import io.convro.domain.DomainException;
import io.convro.domain.ErrorCode;
import io.convro.domain.device.Device;
import io.convro.domain.user.User;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Refresh-token rotation. The presented token is revoked and its successor stored in one transaction; the atomic
 * {@link RefreshTokens#revokeIfActive} decides the one rotation of concurrent refreshes.
 *
 * <p>The successor is derived from the presented token ({@link TokenService#successorOf}), so a refresh that comes
 * again within {@link #RETRY_GRACE} of the rotation — a client's retry after a lost answer, or the loser of a race —
 * gets the very pair the rotation handed out, as long as that pair is still unused and unrevoked: computed again,
 * never stored in the clear, and the same on every node. Otherwise a token that was already revoked is a reuse: the
 * family leaked, every refresh token of the device is revoked (committed even though the call is rejected). A retry
 * within the grace whose successor has since been used or revoked is refused with {@code REFRESH_REVOKED} and
 * revokes nothing, since it cannot be told from a late retry.
 */
public final class RefreshTokenService implements RefreshTokenUseCase {
    /** How long after a rotation the rotated token still yields the same new pair. */
    public static final Duration RETRY_GRACE = Duration.ofSeconds(30);
    /** A lost race is settled by the next attempt (which sees the winner's rotation); more means a stuck store. */
    private static final int MAX_ATTEMPTS = 3;

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

    /** What one attempt came to; {@code pair} is set only for {@link Kind#ROTATED}. */
    private record Attempt(Kind kind, RefreshedTokens pair) {
        enum Kind { ROTATED, REUSED, RACE_LOST }
    }

    @Override
    public RefreshedTokens refresh(String refreshToken) {
        PresentedRefreshToken presented = tokens.parseRefreshToken(refreshToken);
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            // a new transaction per attempt: the one after a lost race must see the winner's commit
            Attempt outcome = transactions.inTransaction(() -> rotate(presented));
            if (outcome.kind() == Attempt.Kind.ROTATED) {
                return outcome.pair();
            }
            if (outcome.kind() == Attempt.Kind.REUSED) {
                throw revoked();
            }
        }
        throw revoked();
    }

    private Attempt rotate(PresentedRefreshToken presented) {
        Instant now = clock.now();
        RefreshToken stored = refreshTokens.findByJti(presented.jti())
                .orElseThrow(() -> new DomainException(ErrorCode.REFRESH_NOT_FOUND, "unknown refresh token"));
        if (!tokens.refreshSecretMatches(presented, stored.secretHash())) {
            throw new DomainException(ErrorCode.REFRESH_INVALID, "refresh token does not match");
        }
        if (stored.revoked()) {
            return retried(presented, stored, now);
        }
        if (stored.expiredAt(now)) {
            throw new DomainException(ErrorCode.REFRESH_EXPIRED, "refresh token expired");
        }
        Device device = activeDevice(stored);
        if (!refreshTokens.revokeIfActive(stored.jti(), now)) {
            return new Attempt(Attempt.Kind.RACE_LOST, null);
        }
        User user = users.findById(stored.userId()).orElseThrow(RefreshTokenService::revoked);
        return rotated(user, device, issuer.rotate(user, device, presented, now));
    }

    /**
     * {@code presented} was revoked before: the same pair again if it was rotated within the grace and its successor
     * is untouched, a clean refusal if the successor has moved on since, else (rotated long ago, or revoked by a
     * logout or removal) a reuse that revokes the device's family.
     */
    private Attempt retried(PresentedRefreshToken presented, RefreshToken stored, Instant now) {
        IssuedRefreshToken successor = tokens.successorOf(presented);
        Optional<RefreshToken> rotatedInto = refreshTokens.findByJti(successor.jti())
                .filter(found -> found.deviceId().equals(stored.deviceId()) && found.secretHash().equals(successor.secretHash()));
        boolean withinGrace = now.isBefore(stored.revokedAt().plus(RETRY_GRACE));
        if (rotatedInto.isEmpty() || !withinGrace) {
            refreshTokens.revokeAllForDevice(stored.deviceId(), now);
            return new Attempt(Attempt.Kind.REUSED, null);
        }
        RefreshToken next = rotatedInto.get();
        if (next.revoked() || next.expiredAt(now)) {
            throw revoked();
        }
        Device device = activeDevice(stored);
        User user = users.findById(stored.userId()).orElseThrow(RefreshTokenService::revoked);
        return rotated(user, device, issuer.reissue(user, device, successor, next));
    }

    private Device activeDevice(RefreshToken stored) {
        return devices.findById(stored.deviceId()).filter(Device::active).orElseThrow(RefreshTokenService::revoked);
    }

    private static Attempt rotated(User user, Device device, TokenIssuer.Pair pair) {
        return new Attempt(Attempt.Kind.ROTATED, new RefreshedTokens(user.id(), device.id(), user.convroNumber(),
                user.username(), pair.access(), pair.refresh()));
    }

    private static DomainException revoked() {
        return new DomainException(ErrorCode.REFRESH_REVOKED, "refresh token revoked");
    }
}
