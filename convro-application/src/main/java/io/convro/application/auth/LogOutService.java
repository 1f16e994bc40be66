package io.convro.application.auth;

import io.convro.application.devices.Devices;
import io.convro.application.realtime.RealtimePublisher;
import io.convro.application.shared.Caller;
import io.convro.application.shared.Clock;
import io.convro.application.shared.Transactions;
import io.convro.domain.DomainException;
import io.convro.domain.ErrorCode;
import io.convro.domain.device.Device;
import io.convro.domain.device.DeviceId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Logout in three scopes. Device and user scope also void access tokens (the device's token generation
 * moves on, and this node forgets what it remembered of the devices) and close the devices' sockets once the
 * revocation is committed.
 */
public final class LogOutService implements LogOutUseCase {
    private final TokenService tokens;
    private final RefreshTokens refreshTokens;
    private final Devices devices;
    private final RealtimePublisher realtime;
    private final DeviceStandings standings;
    private final Transactions transactions;
    private final Clock clock;

    public LogOutService(TokenService tokens, RefreshTokens refreshTokens, Devices devices, RealtimePublisher realtime,
                         DeviceStandings standings, Transactions transactions, Clock clock) {
        this.tokens = tokens;
        this.refreshTokens = refreshTokens;
        this.devices = devices;
        this.realtime = realtime;
        this.standings = standings;
        this.transactions = transactions;
        this.clock = clock;
    }

    @Override
    public LogoutScope logOut(LogOutCommand command) {
        Caller caller = command.caller();
        switch (command.scope()) {
            case SINGLE -> revokeOne(caller, command.refreshToken());
            case DEVICE -> revokeDevices(List.of(caller.deviceId()));
            case USER -> revokeDevices(devices.listByUser(caller.userId()).stream().map(Device::id).toList());
        }
        return command.scope();
    }

    private void revokeOne(Caller caller, String token) {
        PresentedRefreshToken presented = tokens.parseRefreshToken(token);
        transactions.run(() -> {
            RefreshToken stored = refreshTokens.findByJti(presented.jti())
                    .filter(found -> found.userId().equals(caller.userId()))
                    .filter(found -> tokens.refreshSecretMatches(presented, found.secretHash()))
                    .orElseThrow(() -> new DomainException(ErrorCode.INVALID_REFRESH_TOKEN,
                            "not a refresh token of this account", "refreshToken"));
            refreshTokens.revokeIfActive(stored.jti(), clock.now());
        });
    }

    private void revokeDevices(List<DeviceId> ids) {
        List<DeviceId> revoked = transactions.inTransaction(() -> {
            Instant now = clock.now();
            List<DeviceId> done = new ArrayList<>();
            for (DeviceId id : ids) {
                devices.findById(id).ifPresent(device -> {
                    refreshTokens.revokeAllForDevice(id, now);
                    devices.update(device.tokensRevoked());
                    done.add(id);
                });
            }
            return done;
        });
        for (DeviceId id : revoked) {
            // this node at once; the others when the disconnect reaches them, and within a second regardless
            standings.forget(id);
            realtime.disconnect(id);
        }
    }
}
