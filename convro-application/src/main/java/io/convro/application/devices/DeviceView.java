package io.convro.application.devices;

import io.convro.domain.device.Device;
import io.convro.domain.device.DeviceId;
import io.convro.domain.device.DeviceLabel;
import io.convro.domain.device.Platform;
import java.time.Instant;

/**
 * A device as its owner sees it. {@code label} and {@code lastSeenAt} may be null; {@code current} is
 * true for the calling device.
 */
public record DeviceView(DeviceId deviceId, Platform platform, DeviceLabel label, Instant createdAt, Instant lastSeenAt,
                         boolean active, boolean current, boolean hasPrekeys) {
    public static DeviceView of(Device device, DeviceId current, boolean hasPrekeys) {
        return new DeviceView(device.id(), device.platform(), device.label(), device.createdAt(), device.lastSeenAt(),
                device.active(), device.id().equals(current), hasPrekeys);
    }
}
