package io.convro.application.devices;

import io.convro.domain.device.Device;
import io.convro.domain.device.DeviceId;
import io.convro.domain.user.UserId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Out-port: stored devices. Device ids are unique across the server, removed devices included. */
public interface Devices {
    /** Store a new device; an id already stored (any user's) is {@code DEVICE_ID_TAKEN}. */
    void insert(Device device);

    Optional<Device> findById(DeviceId id);

    /** Every device of the user, removed ones included, oldest first. */
    List<Device> listByUser(UserId user);

    int countActive(UserId user);

    /** Write platform, label, active, token generation and last-seen of an existing device. */
    void update(Device device);

    /** Record that the device was seen (a cheap write, at most about once a minute per device). */
    void touch(DeviceId id, Instant seenAt);
}
