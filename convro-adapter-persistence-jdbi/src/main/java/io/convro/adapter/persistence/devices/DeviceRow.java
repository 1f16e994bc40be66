package io.convro.adapter.persistence.devices;

import io.convro.adapter.persistence.Millis;
import io.convro.domain.device.Device;
import io.convro.domain.device.DeviceId;
import io.convro.domain.device.DeviceLabel;
import io.convro.domain.device.Platform;
import io.convro.domain.user.UserId;

/**
 * A {@code devices} row, and its explicit mapping to and from the domain's {@link Device}.
 * Public only because JDBI binds and maps it reflectively; not an API of the adapter.
 */
public record DeviceRow(String deviceId, long userId, String platform, String label, long createdAt, Long lastSeenAt,
                 boolean active, long tokenGeneration) {

    static DeviceRow of(Device device) {
        return new DeviceRow(device.id().value(), device.userId().value(), device.platform().wireName(),
                device.label() == null ? null : device.label().value(), Millis.of(device.createdAt()),
                Millis.of(device.lastSeenAt()), device.active(), device.tokenGeneration());
    }

    Device toDomain() {
        return new Device(DeviceId.parse(deviceId), UserId.of(userId), Platform.parse(platform),
                label == null ? null : DeviceLabel.parse(label), Millis.toInstant(createdAt), Millis.toInstant(lastSeenAt),
                active, tokenGeneration);
    }
}
