package io.convro.bootstrap;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;

/**
 * A port held from the first moment of startup, before the database is touched: a port another process has is found
 * at once, naming its variable, not after the pool connected and Flyway migrated. The listener that serves it (netty,
 * Jetty) binds it itself, so the reservation is released an instant before.
 *
 * <p>The port is bound, not listened on: a client that connects during the start is refused at once and comes back,
 * where a listening reservation would complete its handshake and then drop or reset it. A node restarted under load
 * met ~5,000 returning connections that way (2,341 overflowed the reservation's queue in one second), and their
 * requests reached the real listener only after TCP's retransmissions, 5-12 s late.
 */
final class PortReservation implements AutoCloseable {
    private final Socket socket;

    private PortReservation(Socket socket) {
        this.socket = socket;
    }

    /** Bind {@code host:port} ({@code 0}: any free port), or fail with one line naming {@code variable}. */
    static PortReservation bind(String variable, String host, int port) {
        Socket socket = null;
        try {
            socket = new Socket();
            // as the listeners bind: past connections of a killed node in TIME_WAIT do not hold the port, a listener does
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(host, port));
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
