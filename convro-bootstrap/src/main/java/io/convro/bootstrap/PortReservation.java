package io.convro.bootstrap;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/**
 * A listening port held from the first moment of startup, before the database is touched: a port another process
 * has is found at once, naming its variable, not after the pool connected and Flyway migrated. The listener that
 * serves it (netty, Jetty) binds it itself, so the reservation is released an instant before.
 */
final class PortReservation implements AutoCloseable {
    private final ServerSocket socket;

    private PortReservation(ServerSocket socket) {
        this.socket = socket;
    }

    /** Bind {@code host:port} ({@code 0}: any free port), or fail with one line naming {@code variable}. */
    static PortReservation bind(String variable, String host, int port) {
        ServerSocket socket = null;
        try {
            socket = new ServerSocket();
            socket.setReuseAddress(true);
            // a backlog of one: a client that connects during the start is not queued here only to be reset when the
            // reservation closes; its SYN goes unanswered and is sent again a second later, to the real listener
            socket.bind(new InetSocketAddress(host, port), 1);
            return new PortReservation(socket);
        } catch (IOException | RuntimeException e) {
            if (socket != null) {
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // it was never bound
                }
            }
            throw new StartupFailure(variable + ": cannot listen on " + host + ":" + port + " ("
                    + StartupFailure.reason(e) + "; is another process using the port?)");
        }
    }

    int port() {
        return socket.getLocalPort();
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // nothing was accepted on it
        }
    }
}
