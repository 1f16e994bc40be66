package io.convro.adapter.socketio;

import io.convro.domain.device.DeviceId;

/** The one naming rule for rooms: every socket of a device sits in {@code device:<deviceId>}. */
final class DeviceRooms {
    private DeviceRooms() {
    }

    static String of(DeviceId device) {
        return "device:" + device.value();
    }
}
