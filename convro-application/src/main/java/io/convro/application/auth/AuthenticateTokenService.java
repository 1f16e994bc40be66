package io.convro.application.auth;

import io.convro.application.devices.Devices;
import io.convro.application.shared.Caller;
import io.convro.application.shared.Clock;
import io.convro.domain.DomainException;
import io.convro.domain.ErrorCode;
import io.convro.domain.device.Device;
import java.time.Duration;
import java.time.Instant;

/**
 * Bearer-token authentication. Besides the signature and expiry, the token must belong to an active device
 * of its user whose token generation still equals the token's: logout and removal move the generation on,
 * which revokes every access token issued before, on every node (the state is in the store).
 */
public final class AuthenticateTokenService implements AuthenticateTokenUseCase {
    /** How stale {@code lastSeenAt} may get before a request writes it again. */
    static final Duration SEEN_RESOLUTION = Duration.ofMinutes(1);
    private final TokenService tokens;
    private final Devices devices;
    private final Clock clock;

    public AuthenticateTokenService(TokenService tokens, Devices devices, Clock clock) {
        this.tokens = tokens;
        this.devices = devices;
        this.clock = clock;
    }

    @Override
    public Caller authenticate(String accessToken) {
        AccessGrant grant = tokens.verifyAccessToken(accessToken);
        Device device = devices.findById(grant.deviceId())
                .filter(Device::active)
                .filter(found -> found.belongsTo(grant.userId()))
                .filter(found -> found.tokenGeneration() == grant.tokenGeneration())
                .orElseThrow(() -> new DomainException(ErrorCode.TOKEN_REVOKED, "this token was revoked"));
        Instant now = clock.now();
        if (device.lastSeenAt() == null || device.lastSeenAt().plus(SEEN_RESOLUTION).isBefore(now)) {
            devices.touch(device.id(), now);
        }
        return new Caller(grant.userId(), grant.deviceId(), grant.convroNumber(), grant.username());
    }
}
