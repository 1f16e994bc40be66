package io.convro.adapter.socketio;

import io.convro.domain.device.DeviceId;
import io.convro.domain.group.GroupId;
import io.convro.domain.user.UserId;

/** Group rooms as the publisher sees them: this node's ({@link GroupRooms}), or every node's ({@link GroupRoomTopic}). */
interface GroupRoomRelay {
    void join(UserId user, GroupId group);

    void leave(UserId user, GroupId group);

    void send(GroupId group, DeviceId exceptDevice, String name, String json);
}
