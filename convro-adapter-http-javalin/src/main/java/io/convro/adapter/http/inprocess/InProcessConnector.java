package io.convro.adapter.http.inprocess;

import io.convro.adapter.http.chain.Chain;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.AbstractConnector;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;

/**
 * A Jetty connector without a socket: HTTP/1.1 connections opened by code in this JVM, which passes request
 * bytes in and takes response bytes out ({@link InProcessConnection}). The one public port's relay uses it, so a
 * REST request costs no loopback round trip: no system calls, no selector wake-up, no TCP on either side. Jetty
 * parses, runs and answers exactly as on a socket; the peer it sees is loopback (the relay, which says who the
 * client is in {@code X-Forwarded-For}).
 */
public final class InProcessConnector extends AbstractConnector {
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    private final Chain direct;
    private volatile boolean accepting = true;

    /** {@code direct}: the chain that also answers without HTTP bytes (it stops and drains with this), or {@code null}. */
    public InProcessConnector(Server server, HttpConfiguration configuration, Chain direct) {
        // no acceptor threads: connections are opened by open()
        super(server, null, null, null, 0, new HttpConnectionFactory(configuration));
        this.direct = direct;
    }

    /**
     * Open a connection. {@code local} is the address the client connected to; {@code clientPort} only makes the
     * peer Jetty reports distinct per connection.
     *
     * @throws IllegalStateException when the connector is not running or no longer accepts connections
     */
    public InProcessConnection open(InetSocketAddress local, int clientPort, InProcessConnection.ResponseSink sink) {
        if (!isRunning() || !accepting) {
            throw new IllegalStateException("the REST backend is not accepting connections");
        }
        InProcessEndPoint endPoint = new InProcessEndPoint(getScheduler(), getIdleTimeout(), getExecutor(), local,
                new InetSocketAddress(LOOPBACK, clientPort), sink, () -> { });
        Connection connection = getDefaultConnectionFactory().newConnection(this, endPoint);
        endPoint.setConnection(connection);
        endPoint.onOpen();
        onEndPointOpened(endPoint);
        connection.onOpen();
        return endPoint;
    }

    /**
     * New connections are refused from now on (graceful stop), and direct requests answered 503; open connections
     * go on until they close.
     */
    public void stopAccepting() {
        accepting = false;
        if (direct != null) {
            direct.stopAccepting();
        }
    }

    /** Direct requests accepted and not yet answered (Jetty counts its own requests). */
    public int directInFlight() {
        return direct == null ? 0 : direct.inFlight();
    }

    /**
     * Close the connections still open, as a socket connector's selector does when it stops: a request that
     * reaches one after the handlers stopped would otherwise get Jetty's own HTML error page, where the relay
     * answers the contract's {@code 503 SERVICE_UNAVAILABLE} for a link that closed.
     */
    @Override
    protected void doStop() throws Exception {
        stopAccepting();
        for (EndPoint endPoint : getConnectedEndPoints()) {
            endPoint.close();
        }
        super.doStop();
    }

    @Override
    protected void accept(int acceptorId) {
        throw new UnsupportedOperationException("in-process connections are opened, not accepted");
    }

    @Override
    public Object getTransport() {
        return this;
    }
}
