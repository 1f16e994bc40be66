package io.convro.adapter.socketio;

import com.corundumstudio.socketio.SocketIOClient;
import com.corundumstudio.socketio.SocketIOServer;
import io.convro.application.realtime.RealtimeEvent;
import io.convro.domain.device.DeviceId;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Closes the sockets of a device that are connected to THIS node; the other nodes do the same for theirs. */
final class LocalDeviceSockets {
    private static final Logger log = LoggerFactory.getLogger(LocalDeviceSockets.class);

    private final SocketIOServer server;
    private final SocketAdmission admission;
    private final Consumer<SocketIOClient> closeLater;

    LocalDeviceSockets(SocketIOServer server, SocketAdmission admission, Consumer<SocketIOClient> closeLater) {
        this.server = server;
        this.admission = admission;
        this.closeLater = closeLater;
    }

    /**
     * Tell each local socket of {@code device} {@code device:revoked}, then disconnect it. The socket leaves its
     * room first, so nothing published after the revocation reaches it; the event and the DISCONNECT go down the
     * same per-socket queue, so the client reads them in that order on websocket and on polling alike.
     */
    void revoke(DeviceId device) {
        RealtimeEvent.DeviceRevoked event = new RealtimeEvent.DeviceRevoked(device);
        List<SocketIOClient> sockets = List.copyOf(server.getRoomOperations(DeviceRooms.of(device)).getClients());
        for (SocketIOClient socket : sockets) {
            admission.forget(socket);
            socket.sendEvent(event.name(), RealtimePayloads.of(event));
            socket.disconnect();
            closeLater.accept(socket);
        }
        if (!sockets.isEmpty()) {
            log.info("[WS] Revoked deviceId={} sockets={}", device, sockets.size());
        }
    }
}
