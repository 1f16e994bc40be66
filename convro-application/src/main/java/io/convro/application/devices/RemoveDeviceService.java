package io.convro.application.devices;

import io.convro.application.auth.DeviceStandings;
import io.convro.application.auth.RefreshTokens;
import io.convro.application.prekeys.Prekeys;
import io.convro.application.realtime.RealtimePublisher;
import io.convro.application.sessions.Sessions;
import io.convro.application.shared.Caller;
import io.convro.application.shared.Clock;
import io.convro.application.shared.Transactions;
import io.convro.domain.DomainException;
import io.convro.domain.ErrorCode;
import io.convro.domain.device.Device;
import io.convro.domain.device.DeviceId;

/**
 * Device removal: inactive with a new token generation (access tokens die), refresh tokens revoked, prekeys
 * deleted, sessions closed — in one transaction; the sockets are closed after it committed.
 */
public final class RemoveDeviceService implements RemoveDeviceUseCase {
    private final Devices devices;
    private final RefreshTokens refreshTokens;
    private final Prekeys prekeys;
    private final Sessions sessions;
    private final RealtimePublisher realtime;
    private final DeviceStandings standings;
    private final Transactions transactions;
    private final Clock clock;

    public RemoveDeviceService(Devices devices, RefreshTokens refreshTokens, Prekeys prekeys, Sessions sessions,
                               RealtimePublisher realtime, DeviceStandings standings, Transactions transactions,
                               Clock clock) {
        this.devices = devices;
        this.refreshTokens = refreshTokens;
        this.prekeys = prekeys;
        this.sessions = sessions;
        this.realtime = realtime;
        this.standings = standings;
        this.transactions = transactions;
        this.clock = clock;
    }

    @Override
    public void removeDevice(Caller caller, DeviceId deviceId) {
        boolean removed = transactions.inTransaction(() -> {
            Device device = devices.findById(deviceId)
                    .filter(found -> found.belongsTo(caller.userId()))
                    .orElseThrow(() -> new DomainException(ErrorCode.DEVICE_NOT_FOUND, "no such device on this account", "deviceId"));
            if (!device.active()) {
                return false;
            }
            devices.update(device.removed());
            refreshTokens.revokeAllForDevice(deviceId, clock.now());
            prekeys.deleteAll(deviceId);
            sessions.closeAllOf(deviceId);
            return true;
        });
        if (removed) {
            standings.forget(deviceId);
            realtime.disconnect(deviceId);
        }
    }
}
