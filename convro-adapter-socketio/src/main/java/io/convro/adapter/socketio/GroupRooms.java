package io.convro.adapter.socketio;

import com.corundumstudio.socketio.SocketIOClient;
import com.corundumstudio.socketio.SocketIOServer;
import com.corundumstudio.socketio.protocol.EngineIOVersion;
import com.corundumstudio.socketio.protocol.Packet;
import com.corundumstudio.socketio.protocol.PacketType;
import io.convro.domain.device.DeviceId;
import io.convro.domain.group.GroupId;
import io.convro.domain.user.UserId;
import java.util.ArrayList;
import java.util.List;

/**
 * The group rooms of the sockets connected to THIS node: a member's sockets (found in its room {@code user:<id>}) join
 * and leave room {@code group:<id>}, and an event for the group goes to that room's sockets once, but those of the
 * sending device. Other nodes do the same for theirs ({@link GroupRoomTopic}).
 */
final class GroupRooms implements GroupRoomRelay {
    private final SocketIOServer server;
    private final SocketAdmission admission;

    GroupRooms(SocketIOServer server, SocketAdmission admission) {
        this.server = server;
        this.admission = admission;
    }

    @Override
    public void join(UserId user, GroupId group) {
        String room = DeviceRooms.ofGroup(group);
        for (SocketIOClient socket : server.getRoomOperations(DeviceRooms.ofUser(user)).getClients()) {
            socket.joinRoom(room);
        }
    }

    @Override
    public void leave(UserId user, GroupId group) {
        String room = DeviceRooms.ofGroup(group);
        for (SocketIOClient socket : server.getRoomOperations(DeviceRooms.ofUser(user)).getClients()) {
            socket.leaveRoom(room);
        }
    }

    /** Send {@code json} as event {@code name} to the group's sockets here, but those of {@code exceptDevice} (may be null). */
    @Override
    public void send(GroupId group, DeviceId exceptDevice, String name, String json) {
        Packet packet = null;
        for (SocketIOClient socket : server.getRoomOperations(DeviceRooms.ofGroup(group)).getClients()) {
            if (exceptDevice != null && admission.callerOf(socket).map(caller -> caller.deviceId().equals(exceptDevice)).orElse(false)) {
                continue;
            }
            if (packet == null) {
                packet = packet(name, json);
            }
            socket.send(packet);
        }
    }

    /** As {@link SocketIoRealtimePublisher}'s packets: engine.io 4, the payload JSON written once. */
    private static Packet packet(String name, String json) {
        Packet packet = new Packet(PacketType.MESSAGE, EngineIOVersion.V4);
        packet.setSubType(PacketType.EVENT);
        packet.setName(name);
        packet.setData(new ArrayList<>(List.of(new RawJson(json))));
        return packet;
    }
}
