package io.convro.adapter.socketio;

import com.corundumstudio.socketio.HandshakeData;
import com.corundumstudio.socketio.SocketIOClient;
import com.corundumstudio.socketio.handler.ClientHead;
import com.corundumstudio.socketio.listener.ConnectListener;
import com.corundumstudio.socketio.transport.NamespaceClient;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sockets that have opened an engine.io session but whose CONNECT has not been admitted yet. Such a socket costs
 * the server a session (several kB of heap) while it proves nothing, so: it is closed when it has not been admitted
 * within {@code timeout}, and one client address may hold at most {@code perAddress} of them at once (a handshake
 * beyond that is refused {@code 401}, before any session exists).
 *
 * <p>The client address is the socket's peer; when that is loopback (a proxy on the same host) the last entry of
 * {@code X-Forwarded-For}, as the REST side counts it.
 */
final class PendingSockets implements ConnectListener {
    private static final Logger log = LoggerFactory.getLogger(PendingSockets.class);

    private final Duration timeout;
    private final int perAddress;
    private final ScheduledExecutorService timer;
    private final ConcurrentMap<UUID, String> pending = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Integer> perClient = new ConcurrentHashMap<>();
    private volatile SocketAdmission admission;

    /** @param perAddress {@code 0} for no cap */
    PendingSockets(Duration timeout, int perAddress, ScheduledExecutorService timer) {
        this.timeout = timeout;
        this.perAddress = perAddress;
        this.timer = timer;
    }

    void admission(SocketAdmission socketAdmission) {
        this.admission = socketAdmission;
    }

    /** At handshake, before a session exists: may this client open another not yet admitted socket? */
    boolean mayOpen(HandshakeData handshake) {
        return perAddress == 0 || perClient.getOrDefault(clientOf(handshake), 0) < perAddress;
    }

    /** netty-socketio calls this when the session exists (before any CONNECT): count it and start its clock. */
    @Override
    public void onConnect(SocketIOClient client) {
        String address = clientOf(client.getHandshakeData());
        if (pending.putIfAbsent(client.getSessionId(), address) != null) {
            return;
        }
        int now = perClient.merge(address, 1, Integer::sum);
        if (perAddress > 0 && now > perAddress) {
            // handshakes that raced past mayOpen
            log.debug("[WS] sessionId={} over the cap of sockets waiting for admission: closed", client.getSessionId());
            close(client);
            return;
        }
        try {
            timer.schedule(() -> expire(client), timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException stopping) {
            // the server is stopping and closes every socket anyway
        }
    }

    /** The socket was admitted (or is gone): it no longer counts. */
    void settled(UUID sessionId) {
        String address = pending.remove(sessionId);
        if (address != null) {
            perClient.computeIfPresent(address, (key, count) -> count <= 1 ? null : count - 1);
        }
    }

    /** Sockets not yet admitted (tests). */
    int count() {
        return pending.size();
    }

    private void expire(SocketIOClient client) {
        if (!pending.containsKey(client.getSessionId())) {
            return;
        }
        SocketAdmission current = admission;
        if (current != null && current.callerOf(client).isPresent()) {
            settled(client.getSessionId());
            return;
        }
        log.debug("[WS] sessionId={} not admitted within {} ms: closed", client.getSessionId(), timeout.toMillis());
        close(client);
    }

    private void close(SocketIOClient client) {
        settled(client.getSessionId());
        if (client instanceof NamespaceClient namespaced) {
            ClientHead engine = namespaced.getBaseClient();
            if (engine.isConnected()) {
                engine.disconnect();
            }
        } else {
            client.disconnect();
        }
    }

    /** The peer, or behind a proxy on this host the last {@code X-Forwarded-For} entry (never a name look-up). */
    static String clientOf(HandshakeData handshake) {
        InetSocketAddress peer = handshake == null ? null : handshake.getAddress();
        InetAddress address = peer == null ? null : peer.getAddress();
        String text = address == null ? "unknown" : address.getHostAddress();
        if (address == null || !address.isLoopbackAddress() || handshake.getHttpHeaders() == null) {
            return text;
        }
        List<String> forwarded = handshake.getHttpHeaders().getAll("X-Forwarded-For");
        if (forwarded.isEmpty()) {
            return text;
        }
        String last = forwarded.get(forwarded.size() - 1);
        String entry = last.substring(last.lastIndexOf(',') + 1).trim();
        return entry.isEmpty() ? text : entry;
    }
}
