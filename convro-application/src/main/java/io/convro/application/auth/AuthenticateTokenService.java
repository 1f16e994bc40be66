package io.convro.application.auth;

import io.convro.application.devices.Devices;
import io.convro.application.shared.Caller;
import io.convro.application.shared.Clock;
import io.convro.domain.DomainException;
import io.convro.domain.ErrorCode;
import io.convro.domain.device.Device;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Bearer-token authentication. Besides the signature and expiry, the token must belong to an active device
 * of its user whose token generation still equals the token's: logout and removal move the generation on,
 * which revokes every access token issued before, on every node (the state is in the store). The device is
 * read through {@link DeviceStandings}: at most once a second per device, and again at once after a revocation.
 */
public final class AuthenticateTokenService implements AuthenticateTokenUseCase {
    /** How stale {@code lastSeenAt} may get before a request writes it again. */
    static final Duration SEEN_RESOLUTION = Duration.ofMinutes(1);
    private final TokenService tokens;
    private final Devices devices;
    private final DeviceStandings standings;
    private final Clock clock;

    public AuthenticateTokenService(TokenService tokens, Devices devices, DeviceStandings standings, Clock clock) {
        this.tokens = tokens;
        this.devices = devices;
        this.standings = standings;
        this.clock = clock;
    }

    @Override
    public Caller authenticate(String accessToken) {
        AccessGrant grant = tokens.verifyAccessToken(accessToken);
        Instant now = clock.now();
        Device device = standings.recent(grant.deviceId(), now).filter(recent -> admits(recent, grant))
                .or(() -> read(grant, now).filter(fresh -> admits(fresh, grant)))
                .orElseThrow(() -> new DomainException(ErrorCode.TOKEN_REVOKED, "this token was revoked"));
        if (seenIsDue(device, now)) {
            devices.touch(device.id(), now);
            standings.seen(device.id(), now);
        }
        return callerOf(grant);
    }

    @Override
    public Optional<Caller> authenticateWithoutWaiting(String accessToken) {
        AccessGrant grant = tokens.verifyAccessToken(accessToken);
        Instant now = clock.now();
        return standings.recent(grant.deviceId(), now)
                .filter(recent -> admits(recent, grant) && !seenIsDue(recent, now))
                .map(admitted -> callerOf(grant));
    }

    private static boolean seenIsDue(Device device, Instant now) {
        return device.lastSeenAt() == null || device.lastSeenAt().plus(SEEN_RESOLUTION).isBefore(now);
    }

    private static Caller callerOf(AccessGrant grant) {
        return new Caller(grant.userId(), grant.deviceId(), grant.convroNumber(), grant.username());
    }

    private Optional<Device> read(AccessGrant grant, Instant readStartedAt) {
        Optional<Device> found = devices.findById(grant.deviceId());
        found.ifPresent(device -> standings.remember(device, readStartedAt));
        return found;
    }

    private static boolean admits(Device device, AccessGrant grant) {
        return device.active() && device.belongsTo(grant.userId()) && device.tokenGeneration() == grant.tokenGeneration();
    }
}
