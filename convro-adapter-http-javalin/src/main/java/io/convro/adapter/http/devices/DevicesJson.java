package io.convro.adapter.http.devices;

import io.convro.application.devices.DeviceView;
import io.convro.domain.WireTime;
import java.util.List;

/** Response bodies of the device routes (API.md §2). */
final class DevicesJson {
    private DevicesJson() {
    }

    record Registered(String deviceId, String platform, String deviceLabel, String createdAt, boolean active) {
        static Registered of(DeviceView device) {
            return new Registered(device.deviceId().value(), device.platform().wireName(),
                    device.label() == null ? null : device.label().value(), WireTime.format(device.createdAt()),
                    device.active());
        }
    }

    record DeviceList(List<DeviceJson> devices) {
    }

    record Removed(boolean ok) {
    }
}
