package io.convro.adapter.socketio;

import io.convro.domain.device.DeviceId;
import io.convro.domain.group.GroupId;
import io.convro.domain.user.UserId;

/**
 * The one naming rule for rooms: every socket of a device sits in {@code device:<deviceId>}, every socket of a user in
 * {@code user:<userId>} (so a membership change finds them), and every socket of a group's member in
 * {@code group:<groupId>}.
 */
final class DeviceRooms {
    private DeviceRooms() {
    }

    static String of(DeviceId device) {
        return "device:" + device.value();
    }

    static String ofUser(UserId user) {
        return "user:" + user.value();
    }

    static final String GROUP_PREFIX = "group:";

    static String ofGroup(GroupId group) {
        return GROUP_PREFIX + group.value();
    }
}
