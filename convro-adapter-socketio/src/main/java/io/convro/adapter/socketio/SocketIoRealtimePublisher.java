package io.convro.adapter.socketio;

import com.corundumstudio.socketio.SocketIOServer;
import io.convro.application.realtime.RealtimeEvent;
import io.convro.application.realtime.RealtimePublisher;
import io.convro.domain.device.DeviceId;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * {@link RealtimePublisher} over netty-socketio: each event goes to room {@code device:<id>}. With Redis the room
 * spans nodes (netty-socketio's Redisson pub/sub), and so does {@link #disconnect(DeviceId)} (Convro's own topic).
 * Obtain it from {@link RealtimeServer#publisher()}.
 */
public final class SocketIoRealtimePublisher implements RealtimePublisher {
    private final SocketIOServer server;
    private final Consumer<DeviceId> revokeEverywhere;

    SocketIoRealtimePublisher(SocketIOServer server, Consumer<DeviceId> revokeEverywhere) {
        this.server = server;
        this.revokeEverywhere = revokeEverywhere;
    }

    @Override
    public void publish(DeviceId device, RealtimeEvent event) {
        Objects.requireNonNull(device, "device");
        server.getRoomOperations(DeviceRooms.of(device)).sendEvent(event.name(), RealtimePayloads.of(event));
    }

    @Override
    public void disconnect(DeviceId device) {
        revokeEverywhere.accept(Objects.requireNonNull(device, "device"));
    }
}
