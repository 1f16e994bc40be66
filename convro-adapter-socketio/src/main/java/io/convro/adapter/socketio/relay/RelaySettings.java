package io.convro.adapter.socketio.relay;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;

/**
 * Where and how the single public port relays non-Socket.IO requests.
 *
 * @param backend            the internal HTTP listener (Jetty under Javalin), normally on loopback
 * @param connectTimeout     how long to wait for the backend to accept a connection before answering 503
 * @param keepAliveTimeout   how long an idle client keep-alive connection stays open between requests
 * @param backendIdleTimeout how long an idle backend link is kept; must be shorter than the backend's own
 *                           idle timeout (Jetty: 30 s) so the relay never reuses a link the backend is closing
 */
public record RelaySettings(InetSocketAddress backend, Duration connectTimeout, Duration keepAliveTimeout,
                            Duration backendIdleTimeout) {

    /** Defaults: 2 s connect, 60 s client keep-alive, 15 s backend idle. */
    public static RelaySettings of(InetSocketAddress backend) {
        return new RelaySettings(backend, Duration.ofSeconds(2), Duration.ofSeconds(60), Duration.ofSeconds(15));
    }

    public RelaySettings {
        Objects.requireNonNull(backend, "backend");
        requirePositive(connectTimeout, "connectTimeout");
        requirePositive(keepAliveTimeout, "keepAliveTimeout");
        requirePositive(backendIdleTimeout, "backendIdleTimeout");
    }

    private static void requirePositive(Duration d, String name) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be a positive duration");
        }
    }
}
