package io.convro.adapter.socketio;

import com.corundumstudio.socketio.SocketIOClient;
import com.corundumstudio.socketio.Transport;
import com.corundumstudio.socketio.handler.ClientHead;
import com.corundumstudio.socketio.listener.PingListener;
import com.corundumstudio.socketio.protocol.Packet;
import com.corundumstudio.socketio.protocol.PacketType;
import com.corundumstudio.socketio.transport.NamespaceClient;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Works around netty-socketio 2.0.13 stalling the websocket upgrade of a client that starts on HTTP long-polling,
 * which is what the official JavaScript client and the Java client do by default.
 *
 * <p>The engine.io v4 protocol (section "Upgrade") says the server MUST send a {@code noop} packet to any pending
 * poll so that the client can pause polling and send the {@code upgrade} packet. netty-socketio answers the
 * client's {@code 2probe} with {@code 3probe} on the websocket and queues exactly one {@code noop} for polling. The
 * two travel on different connections: when the {@code noop} reaches the client first (common once many clients
 * connect together), the client is not pausing yet, so it polls again; then {@code 3probe} arrives and the client
 * waits for that new poll to end before it upgrades. netty-socketio never answers it: the client's emits stay
 * buffered, the server drops the session silently when its upgrade timeout (10 s) passes, and the client only
 * notices at its ping timeout (45 s). Neither netty-socketio 2.0.14 nor its maintained fork socketio4j/netty-socketio
 * changed this, and no setting avoids it short of refusing the upgrade.
 *
 * <p>So, like the reference server (which checks every 100 ms), once a socket's probe has arrived this puts a
 * {@code noop} on its polling queue every {@value #TICK_MILLIS} ms whenever that queue is empty, until the socket is
 * on websocket, is disconnected or its upgrade timeout passes: a poll made during the upgrade is answered within a
 * tick, and a {@code noop} left queued is harmless (it follows the queue to the websocket, where the client ignores
 * it). netty-socketio tells a namespace's ping listeners of every engine.io {@code ping} a client sends, and a
 * Socket.IO v4 client (the only kind this server admits) sends exactly one: the probe. Being a listener, this stays
 * out of the connections' pipelines, which carry the REST traffic of the public port too.
 */
final class UpgradeStallWorkaround implements PingListener {
    static final long TICK_MILLIS = 100;

    private final ScheduledExecutorService ticker;
    private final Duration upgradeTimeout;
    private final Map<UUID, ScheduledFuture<?>> upgrading = new ConcurrentHashMap<>();

    /**
     * @param ticker         where the noops are scheduled (a thread of the server's own; they only queue a packet)
     * @param upgradeTimeout netty-socketio's: after it no upgrade completes, so no noop is sent
     */
    UpgradeStallWorkaround(ScheduledExecutorService ticker, Duration upgradeTimeout) {
        this.ticker = ticker;
        this.upgradeTimeout = upgradeTimeout;
    }

    @Override
    public void onPing(SocketIOClient socket) {
        if (!(socket instanceof NamespaceClient namespaced) || ticker.isShutdown()) {
            return;
        }
        ClientHead client = namespaced.getBaseClient();
        if (client.getCurrentTransport() != Transport.POLLING) {
            return;
        }
        UUID session = client.getSessionId();
        long until = System.nanoTime() + upgradeTimeout.toNanos();
        upgrading.computeIfAbsent(session, id -> ticker.scheduleAtFixedRate(() -> {
            if (client.getCurrentTransport() != Transport.POLLING || !client.isConnected() || System.nanoTime() - until > 0) {
                ScheduledFuture<?> ticks = upgrading.remove(id);
                if (ticks != null) {
                    ticks.cancel(false);
                }
            } else if (client.getPacketsQueue(Transport.POLLING).isEmpty()) {
                client.send(new Packet(PacketType.NOOP, client.getEngineIOVersion()), Transport.POLLING);
            }
        }, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS));
    }
}
