package io.convro.adapter.http.devices;

import io.convro.application.devices.DeviceView;
import io.convro.domain.WireTime;

/**
 * One device as {@code GET /v1/auth/devices} shows it; the same shape is used in the
 * {@code TOO_MANY_DEVICES} error body, so a client parses both with one type.
 */
public record DeviceJson(String deviceId, String platform, String deviceLabel, String createdAt, String lastSeenAt,
                         boolean active, boolean current, boolean hasPrekeys) {
    public static DeviceJson of(DeviceView device) {
        return new DeviceJson(device.deviceId().value(), device.platform().wireName(),
                device.label() == null ? null : device.label().value(), WireTime.format(device.createdAt()),
                WireTime.format(device.lastSeenAt()), device.active(), device.current(), device.hasPrekeys());
    }
}
