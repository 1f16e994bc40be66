package io.convro.adapter.socketio;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * How the Socket.IO listener runs.
 *
 * @param host              the address to bind, e.g. {@code 0.0.0.0}
 * @param port              the TCP port ({@code 0} is not supported: netty-socketio binds the number it is given)
 * @param redisUrl          {@code redis://[:password@]host:port[/db]} to span several nodes, or {@code null} for one node
 * @param pingInterval      how often the server pings each socket
 * @param pingTimeout       how long a socket may stay silent after a ping before it is dropped
 * @param maxFrameBytes     the largest websocket frame a client may send (clients only send small control events)
 * @param maxHttpBodyBytes  the largest polling request body a client may send
 * @param revokedSocketGrace how long a refused or revoked socket may take to close by itself before the server closes it
 * @param admission         how many token checks that need the database run at once, wait, and for how long
 * @param guard             what a client that has not proved who it is may hold
 * @param corsOrigins       the browser origins besides the server's own that may open sockets (see {@link SocketOrigins})
 */
public record RealtimeServerConfig(String host, int port, URI redisUrl, Duration pingInterval, Duration pingTimeout,
                                   int maxFrameBytes, int maxHttpBodyBytes, Duration revokedSocketGrace,
                                   Admission admission, Guard guard, Set<String> corsOrigins) {

    /**
     * What one client may hold before it has proved who it is.
     *
     * @param authTimeout          a socket whose CONNECT has not been admitted this long after its handshake is closed
     * @param pendingPerAddress    sockets one client address may have waiting for admission at once ({@code 0}: no cap)
     * @param connectionsPerAddress TCP connections one client address may hold open on the listener ({@code 0}: no
     *                             cap); connections from loopback (a proxy on this host) are not counted
     */
    public record Guard(Duration authTimeout, int pendingPerAddress, int connectionsPerAddress) {
        /**
         * 10 s to authenticate (the admission check itself waits at most 5 s); 256 sockets waiting and 256 connections
         * an address (a reconnect storm behind one NAT address).
         */
        public static final Guard DEFAULT = new Guard(Duration.ofSeconds(10), 256, 256);

        public Guard {
            Objects.requireNonNull(authTimeout, "authTimeout");
            if (authTimeout.isNegative() || authTimeout.isZero() || pendingPerAddress < 0 || connectionsPerAddress < 0) {
                throw new IllegalArgumentException("guard: a positive auth timeout, caps of 0 or more");
            }
        }
    }

    /**
     * The bounded executor of socket admissions whose token needs the database (see {@code AdmissionGate}).
     *
     * @param threads  checks at once; each may hold a database connection
     * @param queue    checks that may wait; a CONNECT beyond them is refused {@code SERVICE_UNAVAILABLE}
     * @param maxWait  a check that waited longer is refused {@code SERVICE_UNAVAILABLE} without reading the database
     */
    public record Admission(int threads, int queue, Duration maxWait) {
        /**
         * Four checks at once (a reconnect storm reads one device row each, and the pool has ten connections for
         * everything else too), a thousand waiting (a few hundred bytes each), five seconds at most: beyond that
         * the database is slow and the client had better come back later than wait.
         */
        public static final Admission DEFAULT = new Admission(4, 1000, Duration.ofSeconds(5));

        public Admission {
            if (threads < 1 || queue < 1) {
                throw new IllegalArgumentException("admission threads and queue must be at least 1");
            }
            Objects.requireNonNull(maxWait, "maxWait");
        }
    }

    public RealtimeServerConfig {
        Objects.requireNonNull(host, "host");
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("port must be 1..65535: " + port);
        }
        if (redisUrl != null && !"redis".equals(redisUrl.getScheme()) && !"rediss".equals(redisUrl.getScheme())) {
            throw new IllegalArgumentException("redis URL must start with redis:// or rediss://");
        }
        Objects.requireNonNull(pingInterval, "pingInterval");
        Objects.requireNonNull(pingTimeout, "pingTimeout");
        Objects.requireNonNull(revokedSocketGrace, "revokedSocketGrace");
        Objects.requireNonNull(admission, "admission");
        Objects.requireNonNull(guard, "guard");
        corsOrigins = Set.copyOf(corsOrigins);
        if (maxFrameBytes < 1024 || maxHttpBodyBytes < 1024) {
            throw new IllegalArgumentException("frame and body limits must be at least 1 KiB");
        }
    }

    /** One node on {@code host:port}, Socket.IO's default ping timing (25 s interval, 20 s timeout), 64 KiB limits. */
    public static RealtimeServerConfig singleNode(String host, int port) {
        return new RealtimeServerConfig(host, port, null, Duration.ofSeconds(25), Duration.ofSeconds(20),
                64 * 1024, 64 * 1024, Duration.ofSeconds(10), Admission.DEFAULT, Guard.DEFAULT, Set.of());
    }

    /** The same settings, with rooms and device disconnects shared through the Redis at {@code url}. */
    public RealtimeServerConfig withRedis(URI url) {
        return new RealtimeServerConfig(host, port, url, pingInterval, pingTimeout, maxFrameBytes, maxHttpBodyBytes,
                revokedSocketGrace, admission, guard, corsOrigins);
    }

    /** The same settings on another port. */
    public RealtimeServerConfig withPort(int otherPort) {
        return new RealtimeServerConfig(host, otherPort, redisUrl, pingInterval, pingTimeout, maxFrameBytes,
                maxHttpBodyBytes, revokedSocketGrace, admission, guard, corsOrigins);
    }

    /** The same settings with another bound on socket admissions. */
    public RealtimeServerConfig withAdmission(Admission other) {
        return new RealtimeServerConfig(host, port, redisUrl, pingInterval, pingTimeout, maxFrameBytes,
                maxHttpBodyBytes, revokedSocketGrace, other, guard, corsOrigins);
    }

    /** The same settings with other limits for clients that have not authenticated. */
    public RealtimeServerConfig withGuard(Guard other) {
        return new RealtimeServerConfig(host, port, redisUrl, pingInterval, pingTimeout, maxFrameBytes,
                maxHttpBodyBytes, revokedSocketGrace, admission, other, corsOrigins);
    }

    /** The same settings, letting browser apps of {@code origins} open sockets too. */
    public RealtimeServerConfig withCorsOrigins(Set<String> origins) {
        return new RealtimeServerConfig(host, port, redisUrl, pingInterval, pingTimeout, maxFrameBytes,
                maxHttpBodyBytes, revokedSocketGrace, admission, guard, origins);
    }

    @Override
    public String toString() {
        // a Redis URL may carry a password: never print it
        return "RealtimeServerConfig[host=" + host + ", port=" + port + ", redis="
                + (redisUrl == null ? "none" : redisUrl.getHost() + ":" + redisUrl.getPort()) + "]";
    }
}
