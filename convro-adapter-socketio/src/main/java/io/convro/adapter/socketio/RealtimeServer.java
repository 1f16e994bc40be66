package io.convro.adapter.socketio;

import com.corundumstudio.socketio.AuthorizationResult;
import com.corundumstudio.socketio.Configuration;
import com.corundumstudio.socketio.SocketIOChannelInitializer;
import com.corundumstudio.socketio.SocketIOClient;
import com.corundumstudio.socketio.SocketIOServer;
import com.corundumstudio.socketio.Transport;
import com.corundumstudio.socketio.handler.ClientHead;
import com.corundumstudio.socketio.namespace.Namespace;
import com.corundumstudio.socketio.store.MemoryStoreFactory;
import com.corundumstudio.socketio.transport.NamespaceClient;
import io.convro.application.auth.AuthenticateTokenUseCase;
import io.convro.application.auth.ForgetRevokedDeviceUseCase;
import io.convro.application.groups.ListGroupRoomsUseCase;
import io.convro.domain.WireTime;
import io.netty.channel.epoll.Epoll;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.redisson.Redisson;
import org.redisson.api.RedissonClient;
import org.redisson.config.Config;
import org.redisson.config.SingleServerConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Convro's Socket.IO endpoint (API.md §7): path {@code /socket.io}, websocket and polling, Socket.IO v4 clients.
 * A socket is admitted only with a valid access token ({@code auth.token} or {@code ?token=}) and then sits in
 * room {@code device:<deviceId>}; anything else gets {@code connect_error}. Clients may emit {@code ping} and get
 * {@code pong} with {@code {"ts":"…"}}. Server events go out through {@link #publisher()}.
 *
 * <p>Lifecycle: construct (with Redis configured this connects to Redis and fails if it cannot), hand
 * {@link #publisher()} to the use cases, {@link #start()}, and {@link #stop()} on shutdown.
 */
public final class RealtimeServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RealtimeServer.class);
    /** How long a stop waits for netty-socketio's own stop (see {@link #stopListening()}). */
    private static final Duration STOP_WAIT = Duration.ofMillis(1_000);

    private final RealtimeServerConfig config;
    private final SocketIOServer server;
    private final RedissonClient redisson;
    private final boolean ownsRedisson;
    private final BackgroundPublisher redisPublisher;
    private final DeviceRevocationTopic revocationTopic;
    private final GroupRoomTopic groupRoomTopic;
    private final SocketIoRealtimePublisher publisher;
    private final GuardedChannelInitializer guardedPipeline;
    private final AdmissionGate admissionGate;
    private final PendingSockets pendingSockets;
    private final ScheduledExecutorService closer;
    private volatile boolean started;
    private final AtomicBoolean stopped = new AtomicBoolean();

    /** A server with netty-socketio's own pipeline (its own listener on {@code config.port()}). */
    public RealtimeServer(RealtimeServerConfig config, AuthenticateTokenUseCase authenticate) {
        this(config, authenticate, null);
    }

    /**
     * @param pipeline a custom netty-socketio pipeline (e.g. convro-edge's, which also serves REST on the same port), or
     *                 {@code null} for the default; either way Convro's connect check is put in front of it
     */
    public RealtimeServer(RealtimeServerConfig config, AuthenticateTokenUseCase authenticate,
                          SocketIOChannelInitializer pipeline) {
        this(config, authenticate, pipeline, device -> { });
    }

    /**
     * @param forgetRevoked told of every device revocation another node announces (and of this node's own), so
     *                      that this node stops trusting what it remembers of the device's tokens
     */
    public RealtimeServer(RealtimeServerConfig config, AuthenticateTokenUseCase authenticate,
                          SocketIOChannelInitializer pipeline, ForgetRevokedDeviceUseCase forgetRevoked) {
        this(config, authenticate, pipeline, forgetRevoked, SocketRateLimit.off());
    }

    /** @param socketLimit how many sockets one device may open (see {@link SocketRateLimit}) */
    public RealtimeServer(RealtimeServerConfig config, AuthenticateTokenUseCase authenticate,
                          SocketIOChannelInitializer pipeline, ForgetRevokedDeviceUseCase forgetRevoked,
                          SocketRateLimit socketLimit) {
        this(config, authenticate, pipeline, forgetRevoked, socketLimit, null);
    }

    /**
     * @param sharedRedis the node's one Redis client, which the caller owns (starts and shuts down), or {@code null}:
     *                    then, with a Redis URL in {@code config}, this server connects and owns a client of its own
     */
    public RealtimeServer(RealtimeServerConfig config, AuthenticateTokenUseCase authenticate,
                          SocketIOChannelInitializer pipeline, ForgetRevokedDeviceUseCase forgetRevoked,
                          SocketRateLimit socketLimit, RedissonClient sharedRedis) {
        this(config, authenticate, pipeline, forgetRevoked, socketLimit, sharedRedis, null);
    }

    /**
     * @param groupRooms the groups whose rooms a user's sockets join on connect, or {@code null} for none (a socket then
     *                   joins group rooms only when its user is added while it is connected)
     */
    public RealtimeServer(RealtimeServerConfig config, AuthenticateTokenUseCase authenticate,
                          SocketIOChannelInitializer pipeline, ForgetRevokedDeviceUseCase forgetRevoked,
                          SocketRateLimit socketLimit, RedissonClient sharedRedis, ListGroupRoomsUseCase groupRooms) {
        Objects.requireNonNull(forgetRevoked, "forgetRevoked");
        Objects.requireNonNull(socketLimit, "socketLimit");
        this.config = Objects.requireNonNull(config, "config");
        Objects.requireNonNull(authenticate, "authenticate");
        this.closer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "convro-ws-closer");
            thread.setDaemon(true);
            return thread;
        });
        this.pendingSockets = new PendingSockets(config.guard().authTimeout(), config.guard().pendingPerAddress(), closer);
        this.ownsRedisson = sharedRedis == null && config.redisUrl() != null;
        this.redisson = sharedRedis != null ? sharedRedis
                : ownsRedisson ? Redisson.create(redissonConfig(config.redisUrl())) : null;

        Configuration socketConfig = socketIoConfiguration(config);
        // only Socket.IO v4 (engine.io 4) clients carry the auth payload this server checks; and one address may hold
        // only so many sockets that have not authenticated yet
        SocketOrigins origins = new SocketOrigins(config.corsOrigins());
        // ... and only from an allowed page (checked first: mayOpen counts the socket)
        socketConfig.setAuthorizationListener(handshake -> "4".equals(handshake.getSingleUrlParam("EIO"))
                && origins.allows(handshake.getHttpHeaders().get("Origin"), handshake.getHttpHeaders().get("Host"))
                && pendingSockets.mayOpen(handshake)
                ? AuthorizationResult.SUCCESSFUL_AUTHORIZATION
                : AuthorizationResult.FAILED_AUTHORIZATION);
        this.redisPublisher = redisson == null ? null : new BackgroundPublisher();
        socketConfig.setStoreFactory(redisson == null ? new MemoryStoreFactory()
                : new BackgroundPublishingStoreFactory(redisson, redisPublisher, ownsRedisson));
        this.server = new SocketIOServer(socketConfig);
        UnusedInitializers.releaseDefaultOf(server);
        SocketAdmission admission = new SocketAdmission(authenticate, socketLimit, this::closeIfStillOpen, pendingSockets,
                groupRooms);
        this.admissionGate = new AdmissionGate(admission, config.admission().threads(), config.admission().queue(),
                config.admission().maxWait());
        this.guardedPipeline = new GuardedChannelInitializer(pipeline == null ? new SocketIOChannelInitializer() : pipeline,
                admissionGate, new ConnectionsPerAddress(config.guard().connectionsPerAddress(),
                        config.guard().connectionsPerNode(), false),
                socketConfig.getExceptionListener());
        server.setPipelineFactory(guardedPipeline);
        server.addConnectListener(pendingSockets);

        server.getNamespace(Namespace.DEFAULT_NAME).addAuthTokenListener(admission);
        server.addDisconnectListener(admission);
        // without it a client that starts on polling (the official clients' default) can stall in its upgrade
        server.addPingListener(new UpgradeStallWorkaround(closer, Duration.ofMillis(socketConfig.getUpgradeTimeout())));
        server.addEventListener("ping", Object.class, (client, ignored, ack) -> {
            if (admission.callerOf(client).isPresent()) {
                Map<String, Object> pong = new LinkedHashMap<>();
                pong.put("ts", WireTime.format(Instant.now()));
                client.sendEvent("pong", pong);
            }
        });

        LocalDeviceSockets local = new LocalDeviceSockets(server, admission, this::closeIfStillOpen);
        this.revocationTopic = redisson == null ? null : new DeviceRevocationTopic(redisson, device -> {
            forgetRevoked.forget(device);
            local.revoke(device);
        }, redisPublisher);
        GroupRooms localGroupRooms = new GroupRooms(server, admission);
        this.groupRoomTopic = redisson == null ? null : new GroupRoomTopic(redisson, localGroupRooms, redisPublisher);
        this.publisher = new SocketIoRealtimePublisher(server, revocationTopic == null ? local::revoke : revocationTopic,
                groupRoomTopic == null ? localGroupRooms : groupRoomTopic);
    }

    /** Bind the listener and accept sockets. */
    public void start() {
        try {
            server.start();
        } catch (Exception cannotListen) {
            // netty rethrows a BindException unchecked; free the event loops and Redis before reporting it
            server.stop();
            stopped.set(true);
            if (revocationTopic != null) {
                revocationTopic.close();
            }
            if (groupRoomTopic != null) {
                groupRoomTopic.close();
            }
            if (redisPublisher != null) {
                redisPublisher.close();
            }
            closer.shutdownNow();
            admissionGate.close();
            throw new IllegalStateException("cannot listen on " + config.host() + ":" + config.port(), cannotListen);
        }
        started = true;
        log.info("[WS] Listening on {}:{} path /socket.io ({})", config.host(), config.port(),
                redisson == null ? "single node" : "rooms shared through Redis");
    }

    /** Close every socket and the listener, and disconnect from Redis. Safe to call more than once. */
    public void stop() {
        if (!stopped.compareAndSet(false, true)) {
            return;
        }
        if (revocationTopic != null) {
            revocationTopic.close();
        }
        if (groupRoomTopic != null) {
            groupRoomTopic.close();
        }
        if (redisPublisher != null) {
            // before Redisson shuts down, so what waits still goes out
            redisPublisher.close();
        }
        if (started) {
            started = false;
            stopListening();
        } else {
            UnusedInitializers.release(guardedPipeline);
            UnusedInitializers.release(guardedPipeline.wrapped());
            if (ownsRedisson && !redisson.isShutdown()) {
                redisson.shutdown();
            }
        }
        closer.shutdownNow();
        admissionGate.close();
    }

    @Override
    public void close() {
        stop();
    }

    /**
     * Every socket is told to disconnect and closed at once; then netty-socketio's own stop, which also shuts the store
     * factory down (and with it the Redis client, if this server owns it). That stop shuts the boss group, then the
     * worker group down, each after a quiet period of 2 s: more than a graceful stop may take in all (SIGTERM to exit
     * in under 5 s). Netty closes every channel when a group starts shutting down, not when its quiet period ends, so
     * the stop is waited for no longer than {@link #STOP_WAIT}: what remains is idle threads that end by themselves
     * (or with the JVM).
     */
    private void stopListening() {
        for (SocketIOClient client : server.getAllClients()) {
            client.disconnect();
        }
        Thread stopping = new Thread(server::stop, "convro-ws-stop");
        stopping.setDaemon(true);
        stopping.start();
        try {
            stopping.join(STOP_WAIT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (stopping.isAlive()) {
            log.debug("[WS] event loops still in their quiet period; not waited for");
        }
    }

    /** The {@code RealtimePublisher} for the use cases; usable before {@link #start()} (events then reach no one). */
    public SocketIoRealtimePublisher publisher() {
        return publisher;
    }

    /** Socket admissions whose token check waits or runs on the admission executor (tests). */
    int admissionsInFlight() {
        return admissionGate.inFlight();
    }

    /** Sockets whose CONNECT has not been admitted yet (tests). */
    int pendingSockets() {
        return pendingSockets.count();
    }

    /** Socket.IO connections open on this node now (for /health and the status page; a metric reads the same). */
    public int connectedSockets() {
        return started ? server.getAllClients().size() : 0;
    }

    /** Realtime events published since the start (for devices on this node or, through Redis, on others). */
    public long eventsPublished() {
        return publisher.published();
    }

    /** Realtime events that did not go out since the start: refused here, or lost on the way to Redis. */
    public long eventsFailed() {
        return publisher.failed() + (redisPublisher == null ? 0 : redisPublisher.lost());
    }

    /** The port this server listens on. */
    public int port() {
        return config.port();
    }

    /**
     * A refused or revoked socket was told why and asked to disconnect; a client that ignores that is closed
     * once the grace period ends (long enough for the last packets to reach a polling client).
     */
    private void closeIfStillOpen(SocketIOClient socket) {
        if (closer.isShutdown()) {
            return;
        }
        closer.schedule(() -> {
            if (socket instanceof NamespaceClient namespaced) {
                ClientHead engine = namespaced.getBaseClient();
                if (engine.isConnected()) {
                    engine.disconnect();
                }
            }
        }, config.revokedSocketGrace().toMillis(), TimeUnit.MILLISECONDS);
    }

    private static Configuration socketIoConfiguration(RealtimeServerConfig config) {
        Configuration socketConfig = new Configuration();
        socketConfig.setHostname(config.host());
        socketConfig.setPort(config.port());
        socketConfig.setContext("/socket.io");
        // one event loop per core (netty's default is two): sockets and REST requests are cheap to serve, and on
        // a small machine every extra busy thread is a context switch
        socketConfig.setBossThreads(1);
        socketConfig.setWorkerThreads(Runtime.getRuntime().availableProcessors());
        // epoll where the native transport loads (Linux): fewer system calls per read and write than NIO's selector
        socketConfig.setUseLinuxNativeEpoll(Epoll.isAvailable());
        socketConfig.setTransports(Transport.WEBSOCKET, Transport.POLLING);
        // No compression of what the server sends. permessage-deflate (which the official client offers by default)
        // kept a zlib stream of ~256 KiB native memory per socket for the socket's whole life: 5,000 idle sockets of
        // the official client grew the server by ~116 kB each. What it would buy: a dm:message frame with 256 bytes
        // of ciphertext is 708 bytes, 314 with a kept stream, 526 with a new stream per frame, for ~15 us of CPU per
        // frame (docs/benchmarks.md, "Idle sockets"). Gzip of polling answers would cost the same per answer.
        socketConfig.setWebsocketCompression(false);
        socketConfig.setHttpCompression(false);
        socketConfig.setPingInterval((int) config.pingInterval().toMillis());
        socketConfig.setPingTimeout((int) config.pingTimeout().toMillis());
        socketConfig.setMaxFramePayloadLength(config.maxFrameBytes());
        socketConfig.setMaxHttpContentLength(config.maxHttpBodyBytes());
        // never take a session id from the client's "io" cookie or header: that would let one client pick another's
        socketConfig.setRandomSession(true);
        socketConfig.setJsonSupport(new NullKeepingJsonSupport());
        socketConfig.setExceptionListener(new QuietPeerResets());
        socketConfig.getSocketConfig().setReuseAddress(true);
        // connections the kernel may hold before the event loop accepts them: as many as it allows (somaxconn), not
        // netty-socketio's 1,024. A restarted node meets every client at once (the soak: 2,050 sockets and 3,000
        // waiting requests); beyond the queue the kernel drops their SYNs and clients retry after 1, 3, 7, 15 s, so
        // answers the server gave in milliseconds reached clients 5-15 s late (TcpExtListenOverflows: 28,159).
        socketConfig.getSocketConfig().setAcceptBackLog(io.netty.util.NetUtil.SOMAXCONN);
        // CORS answers only for the listed browser apps: none listed, none given (the server's own pages need none;
        // netty-socketio would otherwise reflect any Origin with credentials). One listed: that origin, never
        // reflected; several: the request's own, which the handshake check below has already held to the list.
        socketConfig.setEnableCors(!config.corsOrigins().isEmpty());
        if (config.corsOrigins().size() == 1) {
            socketConfig.setOrigin(config.corsOrigins().iterator().next());
        }
        return socketConfig;
    }

    private static Config redissonConfig(URI url) {
        Config redissonConfig = new Config();
        int port = url.getPort() == -1 ? 6379 : url.getPort();
        SingleServerConfig single = redissonConfig.useSingleServer()
                .setAddress(url.getScheme() + "://" + url.getHost() + ":" + port);
        String userInfo = url.getUserInfo();
        if (userInfo != null && !userInfo.isEmpty()) {
            int colon = userInfo.indexOf(':');
            String user = colon < 0 ? null : userInfo.substring(0, colon);
            String password = colon < 0 ? userInfo : userInfo.substring(colon + 1);
            if (user != null && !user.isEmpty()) {
                single.setUsername(user);
            }
            single.setPassword(password);
        }
        String path = url.getPath();
        if (path != null && path.length() > 1) {
            single.setDatabase(Integer.parseInt(path.substring(1)));
        }
        return redissonConfig;
    }
}
