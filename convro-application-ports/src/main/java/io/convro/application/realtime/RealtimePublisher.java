package io.convro.application.realtime;

import io.convro.domain.device.DeviceId;
import io.convro.domain.group.GroupId;
import io.convro.domain.user.UserId;

/**
 * Out-port: wakes devices up in realtime (room {@code device:<deviceId>}, and room {@code group:<groupId>} that the
 * sockets of a group's members join). Use cases call it only after their transaction committed, never for data that
 * was not stored. Delivery is best effort: a device that missed an event catches up through history and conversations.
 */
public interface RealtimePublisher {
    /** Send {@code event} to every connected socket of {@code device}, on any node. */
    void publish(DeviceId device, RealtimeEvent event);

    /** Tell the device's sockets {@code device:revoked}, then close them, on any node. */
    void disconnect(DeviceId device);

    /**
     * Send {@code event} once to the group's room: every connected socket of every member, on any node, except the
     * sockets of {@code exceptDevice} (the sending device; {@code null} for none). One publish however many members.
     * An adapter without group rooms refuses (the default), so a deployment that wires one fails loudly, not silently.
     */
    default void publishToGroup(GroupId group, DeviceId exceptDevice, RealtimeEvent event) {
        throw new UnsupportedOperationException("this realtime adapter has no group rooms");
    }

    /**
     * Make every connected socket of {@code user}, on any node, join the group's room, before returning: an added
     * member's open sockets receive the group's next message. Sockets that connect later join on connect.
     */
    default void joinGroupRoom(UserId user, GroupId group) {
        throw new UnsupportedOperationException("this realtime adapter has no group rooms");
    }

    /** Make every connected socket of {@code user} leave the group's room, before returning: a removed member's open sockets receive nothing more. */
    default void leaveGroupRoom(UserId user, GroupId group) {
        throw new UnsupportedOperationException("this realtime adapter has no group rooms");
    }
}
