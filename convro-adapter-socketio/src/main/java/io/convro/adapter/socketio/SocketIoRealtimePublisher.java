package io.convro.adapter.socketio;

import com.corundumstudio.socketio.SocketIOServer;
import com.corundumstudio.socketio.protocol.EngineIOVersion;
import com.corundumstudio.socketio.protocol.Packet;
import com.corundumstudio.socketio.protocol.PacketType;
import io.convro.application.realtime.RealtimeEvent;
import io.convro.application.realtime.RealtimePublisher;
import io.convro.domain.device.DeviceId;
import io.convro.domain.group.GroupId;
import io.convro.domain.user.UserId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link RealtimePublisher} over netty-socketio: each event goes to room {@code device:<id>}, a group's to room
 * {@code group:<id>}. With Redis the room
 * spans nodes (netty-socketio's Redisson pub/sub), and so does {@link #disconnect(DeviceId)} (Convro's own topic).
 * Publishing never fails the caller: Redis is written in the background ({@link BackgroundPublisher}).
 * Obtain it from {@link RealtimeServer#publisher()}.
 */
public final class SocketIoRealtimePublisher implements RealtimePublisher {
    private static final Logger log = LoggerFactory.getLogger(SocketIoRealtimePublisher.class);
    private final SocketIOServer server;
    private final Consumer<DeviceId> revokeEverywhere;
    private final GroupRoomRelay groupRooms;
    private final LongAdder published = new LongAdder();
    private final LongAdder failed = new LongAdder();

    SocketIoRealtimePublisher(SocketIOServer server, Consumer<DeviceId> revokeEverywhere, GroupRoomRelay groupRooms) {
        this.server = server;
        this.revokeEverywhere = revokeEverywhere;
        this.groupRooms = groupRooms;
    }

    @Override
    public void publish(DeviceId device, RealtimeEvent event) {
        Objects.requireNonNull(device, "device");
        published.increment();
        try {
            server.getRoomOperations(DeviceRooms.of(device)).send(eventPacket(event));
        } catch (RuntimeException failed) {
            this.failed.increment();
            // best effort by contract: what was stored stays stored and the caller gets its answer
            log.warn("[WS] Realtime event {} for deviceId={} not delivered: {}", event.name(), device, failed.toString());
        }
    }

    /**
     * netty-socketio's room {@code sendEvent} builds a packet of engine.io version UNKNOWN, which its polling
     * encoder then batches with the socket's other queued packets without the v4 separator, and the client
     * drops the connection. Every admitted socket speaks engine.io 4, so the packet says so.
     */
    private static Packet eventPacket(RealtimeEvent event) {
        Packet packet = new Packet(PacketType.MESSAGE, EngineIOVersion.V4);
        packet.setSubType(PacketType.EVENT);
        packet.setName(event.name());
        // a plain ArrayList: with Redis the packet crosses nodes through Redisson's codec
        packet.setData(new ArrayList<>(List.of(RealtimePayloads.of(event))));
        return packet;
    }

    /** Events handed to Socket.IO since the start. */
    long published() {
        return published.sum();
    }

    /** Events Socket.IO failed to take (on this node) since the start. */
    long failed() {
        return failed.sum();
    }

    /** One publish to the group's room, however many members: rendered once, sent to each socket but the sender's. */
    @Override
    public void publishToGroup(GroupId group, DeviceId exceptDevice, RealtimeEvent event) {
        Objects.requireNonNull(group, "group");
        published.increment();
        try {
            groupRooms.send(group, exceptDevice, event.name(), RealtimePayloads.jsonOf(event));
        } catch (RuntimeException failed) {
            this.failed.increment();
            log.warn("[WS] Realtime event {} for groupId={} not delivered: {}", event.name(), group, failed.toString());
        }
    }

    /** Every socket of the user, on any node, joins the group's room before this returns (see {@link GroupRoomTopic}). */
    @Override
    public void joinGroupRoom(UserId user, GroupId group) {
        groupRooms.join(Objects.requireNonNull(user, "user"), Objects.requireNonNull(group, "group"));
    }

    @Override
    public void leaveGroupRoom(UserId user, GroupId group) {
        groupRooms.leave(Objects.requireNonNull(user, "user"), Objects.requireNonNull(group, "group"));
    }

    @Override
    public void disconnect(DeviceId device) {
        revokeEverywhere.accept(Objects.requireNonNull(device, "device"));
    }
}
