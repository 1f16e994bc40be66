package io.convro.adapter.socketio.relay;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;
import java.util.function.ToIntFunction;

/**
 * Where and how the single public port relays non-Socket.IO requests.
 *
 * @param backend            the internal HTTP listener (Jetty under Javalin) on loopback, or {@code null} with
 *                           {@code inProcess}
 * @param connectTimeout     how long to wait for the backend to accept a connection before answering 503
 * @param keepAliveTimeout   how long an idle client keep-alive connection stays open between requests
 * @param backendIdleTimeout how long an idle backend link is kept; must be shorter than the backend's own
 *                           idle timeout (Jetty: 30 s) so the relay never reuses a link the backend is closing
 * @param inProcess          the backend in this JVM, reached without a socket; {@code null} to use {@code backend}
 * @param bodyLimit          the most request-body bytes a path may carry ({@code 413 PAYLOAD_TOO_LARGE} beyond,
 *                           answered by the relay without passing more than that on), or {@code null} for none
 * @param bodyTimeout        how long a request's body may take once its head is there: then {@code 408
 *                           REQUEST_TIMEOUT} and the connection closes
 * @param gatheredBodies     the node's budget for bodies gathered before their request is passed on
 */
public record RelaySettings(InetSocketAddress backend, Duration connectTimeout, Duration keepAliveTimeout,
                            Duration backendIdleTimeout, InProcessBackend inProcess, ToIntFunction<String> bodyLimit,
                            Duration bodyTimeout, GatheredBodies gatheredBodies) {

    /** The default body deadline: the largest body (128 KiB) at 13 KB/s. */
    public static final Duration DEFAULT_BODY_TIMEOUT = Duration.ofSeconds(10);

    public RelaySettings(InetSocketAddress backend, Duration connectTimeout, Duration keepAliveTimeout,
                         Duration backendIdleTimeout, InProcessBackend inProcess, ToIntFunction<String> bodyLimit) {
        this(backend, connectTimeout, keepAliveTimeout, backendIdleTimeout, inProcess, bodyLimit, DEFAULT_BODY_TIMEOUT,
                new GatheredBodies(GatheredBodies.DEFAULT_BYTES));
    }

    /** Defaults: 2 s connect, 60 s client keep-alive, 15 s backend idle. */
    public static RelaySettings of(InetSocketAddress backend) {
        return new RelaySettings(backend, Duration.ofSeconds(2), Duration.ofSeconds(60), Duration.ofSeconds(15), null, null);
    }

    /** A backend in this JVM; defaults as {@link #of(InetSocketAddress)}. */
    public static RelaySettings inProcess(InProcessBackend backend) {
        return new RelaySettings(null, Duration.ofSeconds(2), Duration.ofSeconds(60), Duration.ofSeconds(15),
                Objects.requireNonNull(backend, "backend"), null);
    }

    public RelaySettings(InetSocketAddress backend, Duration connectTimeout, Duration keepAliveTimeout,
                         Duration backendIdleTimeout) {
        this(backend, connectTimeout, keepAliveTimeout, backendIdleTimeout, null, null);
    }

    /** These settings with the body limit per path ({@code bodyLimit}). */
    public RelaySettings withBodyLimit(ToIntFunction<String> limit) {
        return new RelaySettings(backend, connectTimeout, keepAliveTimeout, backendIdleTimeout, inProcess,
                Objects.requireNonNull(limit, "limit"), bodyTimeout, gatheredBodies);
    }

    /** These settings with another body deadline. */
    public RelaySettings withBodyTimeout(Duration timeout) {
        return new RelaySettings(backend, connectTimeout, keepAliveTimeout, backendIdleTimeout, inProcess, bodyLimit,
                timeout, gatheredBodies);
    }

    /** These settings with another budget for gathered bodies. */
    public RelaySettings withGatheredBodies(GatheredBodies budget) {
        return new RelaySettings(backend, connectTimeout, keepAliveTimeout, backendIdleTimeout, inProcess, bodyLimit,
                bodyTimeout, Objects.requireNonNull(budget, "budget"));
    }

    public RelaySettings {
        if ((backend == null) == (inProcess == null)) {
            throw new IllegalArgumentException("give either a backend address or an in-process backend");
        }
        requirePositive(connectTimeout, "connectTimeout");
        requirePositive(keepAliveTimeout, "keepAliveTimeout");
        requirePositive(backendIdleTimeout, "backendIdleTimeout");
        requirePositive(bodyTimeout, "bodyTimeout");
        Objects.requireNonNull(gatheredBodies, "gatheredBodies");
    }

    /** The body limit of {@code path}, {@link Long#MAX_VALUE} without one. */
    long bodyLimitOf(String path) {
        return bodyLimit == null ? Long.MAX_VALUE : bodyLimit.applyAsInt(path);
    }

    /** For log lines: the backend's address, or that it is in this JVM. */
    String describeBackend() {
        return backend != null ? backend.toString() : "in this JVM";
    }

    /** What {@code Host} says when an HTTP/1.0 client sent none (the backend link speaks HTTP/1.1). */
    String defaultHost() {
        return backend != null ? backend.getHostString() + ":" + backend.getPort() : "localhost";
    }

    private static void requirePositive(Duration d, String name) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be a positive duration");
        }
    }
}
