package io.convro.adapter.http;

/**
 * Asks whether the database answers. May block; the HTTP adapter waits at most one second for it
 * and reports the database down otherwise. The other answers are facts the node already knows, for {@code /health}
 * and the status page: they must answer at once.
 */
@FunctionalInterface
public interface HealthProbe {
    /** Redis as {@code /health} reports it: {@code up}, {@code down}, or {@code none} (a single node without Redis). */
    enum RedisState { up, down, none }

    boolean databaseUp();

    /** Which database, for people: its product and major.minor version (e.g. {@code MariaDB 10.11}); never its address. */
    default String database() {
        return "unknown";
    }

    /** Redis as last seen (a background ping, never this request's). */
    default RedisState redis() {
        return RedisState.none;
    }

    /** Socket.IO connections open on this node now. */
    default int socketsConnected() {
        return 0;
    }
}
