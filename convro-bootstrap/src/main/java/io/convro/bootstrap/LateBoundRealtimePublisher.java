package io.convro.bootstrap;

import io.convro.application.realtime.RealtimeEvent;
import io.convro.application.realtime.RealtimePublisher;
import io.convro.domain.group.GroupId;
import io.convro.domain.user.UserId;
import io.convro.domain.device.DeviceId;

/**
 * The use cases need a publisher before the Socket.IO server exists (the server needs the use cases to
 * authenticate sockets): this one forwards to the real publisher once it is bound. Until then there is
 * no socket to wake, so dropping is correct.
 */
final class LateBoundRealtimePublisher implements RealtimePublisher {
    private volatile RealtimePublisher target;

    void bind(RealtimePublisher publisher) {
        this.target = publisher;
    }

    @Override
    public void publish(DeviceId device, RealtimeEvent event) {
        RealtimePublisher current = target;
        if (current != null) {
            current.publish(device, event);
        }
    }

    @Override
    public void disconnect(DeviceId device) {
        RealtimePublisher current = target;
        if (current != null) {
            current.disconnect(device);
        }
    }

    @Override
    public void publishToGroup(GroupId group, DeviceId exceptDevice, RealtimeEvent event) {
        RealtimePublisher current = target;
        if (current != null) {
            current.publishToGroup(group, exceptDevice, event);
        }
    }

    @Override
    public void joinGroupRoom(UserId user, GroupId group) {
        RealtimePublisher current = target;
        if (current != null) {
            current.joinGroupRoom(user, group);
        }
    }

    @Override
    public void leaveGroupRoom(UserId user, GroupId group) {
        RealtimePublisher current = target;
        if (current != null) {
            current.leaveGroupRoom(user, group);
        }
    }
}
