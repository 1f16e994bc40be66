package io.convro.application.devices;

import io.convro.application.prekeys.Prekeys;
import io.convro.domain.device.Device;
import io.convro.domain.device.DeviceId;
import io.convro.domain.user.UserId;
import java.util.List;

/** Renders devices as their owner sees them (with {@code current} and {@code hasPrekeys}). */
public final class DeviceViews {
    private final Devices devices;
    private final Prekeys prekeys;

    public DeviceViews(Devices devices, Prekeys prekeys) {
        this.devices = devices;
        this.prekeys = prekeys;
    }

    public List<DeviceView> of(UserId user, DeviceId current) {
        return devices.listByUser(user).stream().map(device -> of(device, current)).toList();
    }

    public DeviceView of(Device device, DeviceId current) {
        boolean hasPrekeys = prekeys.findIdentity(device.id()).isPresent()
                && prekeys.findSignedPrekey(device.id()).isPresent();
        return DeviceView.of(device, current, hasPrekeys);
    }

    /** Refuse an 11th active device, listing the account's devices for the client. */
    public void checkRoomForAnother(UserId user, DeviceId current) {
        if (devices.countActive(user) >= Device.MAX_ACTIVE_PER_USER) {
            throw new TooManyDevicesException(of(user, current));
        }
    }
}
