package io.convro.adapter.http.web;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.util.Callback;

/**
 * The cap on TCP connections one client address holds open on the REST port of the two-port mode (the one public
 * port has its own, netty's): a connection beyond it is answered {@code 503 SERVICE_UNAVAILABLE} with {@code
 * Retry-After} before anything of it is read, and closed. Loopback peers (a proxy on this host) are not counted.
 * Added to a socket connector as a connection listener.
 */
public final class ConnectionsPerAddress implements Connection.Listener {
    private static final byte[] REFUSAL = refusal();

    private final int cap;
    private final ConcurrentMap<InetAddress, Integer> open = new ConcurrentHashMap<>();
    private final ConcurrentMap<Connection, InetAddress> counted = new ConcurrentHashMap<>();

    public ConnectionsPerAddress(int cap) {
        this.cap = cap;
    }

    @Override
    public void onOpened(Connection connection) {
        EndPoint endPoint = connection.getEndPoint();
        InetAddress address = endPoint.getRemoteSocketAddress() instanceof InetSocketAddress peer ? peer.getAddress() : null;
        if (cap == 0 || address == null || address.isLoopbackAddress()) {
            return;
        }
        counted.put(connection, address);
        if (open.merge(address, 1, Integer::sum) > cap) {
            endPoint.write(Callback.from(endPoint::close), ByteBuffer.wrap(REFUSAL));
        }
    }

    @Override
    public void onClosed(Connection connection) {
        InetAddress address = counted.remove(connection);
        if (address != null) {
            open.computeIfPresent(address, (key, count) -> count <= 1 ? null : count - 1);
        }
    }

    private static byte[] refusal() {
        String body = "{\"error\":\"SERVICE_UNAVAILABLE\",\"message\":\"too many connections from this address\"}";
        return ("HTTP/1.1 503 Service Unavailable\r\nContent-Type: application/json\r\nContent-Length: " + body.length()
                + "\r\nRetry-After: 2\r\nX-Content-Type-Options: nosniff\r\nX-Frame-Options: DENY\r\n"
                + "Referrer-Policy: no-referrer\r\nConnection: close\r\n\r\n" + body).getBytes(StandardCharsets.US_ASCII);
    }
}
