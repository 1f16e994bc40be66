package io.convro.application.prekeys;

import io.convro.application.devices.Devices;
import io.convro.domain.device.Device;
import io.convro.domain.device.DeviceId;
import io.convro.domain.user.UserId;
import java.util.List;

/**
 * A user's active devices that have uploaded prekeys, oldest first: the devices a message to that person must reach
 * (API.md §9). A device that never uploaded cannot have a session, so it is neither required nor allowed.
 */
public final class DevicesWithPrekeys {
    private final Devices devices;
    private final Prekeys prekeys;

    public DevicesWithPrekeys(Devices devices, Prekeys prekeys) {
        this.devices = devices;
        this.prekeys = prekeys;
    }

    /** At most {@link Device#MAX_ACTIVE_PER_USER} look-ups of a signed prekey: a user has that many active devices at most. */
    public List<DeviceId> of(UserId user) {
        return devices.listByUser(user).stream()
                .filter(Device::active)
                .map(Device::id)
                .filter(device -> prekeys.findSignedPrekey(device).isPresent())
                .toList();
    }
}
