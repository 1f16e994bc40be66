package io.convro.application.groups;

import io.convro.application.devices.Devices;
import io.convro.application.realtime.RealtimeEvent;
import io.convro.application.realtime.RealtimePublisher;
import io.convro.domain.device.Device;
import io.convro.domain.device.DeviceId;
import io.convro.domain.group.Group;
import io.convro.domain.group.GroupMember;
import io.convro.domain.group.MembershipOutcome;
import io.convro.domain.user.UserId;

/**
 * What a committed membership change tells whom, in the order that keeps open sockets right: removed users leave the
 * room before they are told {@code group:removed} (so nothing more reaches them), added users join it before they are
 * told {@code group:added} (so the next message does), then the room hears {@code group:members} once.
 */
public final class GroupEvents {
    private final Devices devices;
    private final RealtimePublisher realtime;

    public GroupEvents(Devices devices, RealtimePublisher realtime) {
        this.devices = devices;
        this.realtime = realtime;
    }

    /** A new group: every member's sockets join its room, and each member device but the creating one hears {@code group:added}. */
    void created(Group group, DeviceId creatingDevice) {
        for (GroupMember member : group.members()) {
            realtime.joinGroupRoom(member.userId(), group.id());
        }
        realtime.publishToGroup(group.id(), creatingDevice, new RealtimeEvent.GroupAdded(group));
    }

    void changed(MembershipOutcome outcome) {
        Group group = outcome.group();
        for (UserId removed : outcome.removed()) {
            realtime.leaveGroupRoom(removed, group.id());
            toEveryDeviceOf(removed, new RealtimeEvent.GroupRemoved(group.id()));
        }
        for (GroupMember added : outcome.added()) {
            realtime.joinGroupRoom(added.userId(), group.id());
            toEveryDeviceOf(added.userId(), new RealtimeEvent.GroupAdded(group));
        }
        if (outcome.changedAnything()) {
            realtime.publishToGroup(group.id(), null, new RealtimeEvent.GroupMembersChanged(group.id(), group.members()));
        }
    }

    private void toEveryDeviceOf(UserId user, RealtimeEvent event) {
        for (Device device : devices.listByUser(user)) {
            if (device.active()) {
                realtime.publish(device.id(), event);
            }
        }
    }
}
