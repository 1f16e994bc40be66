package io.convro.adapter.http.inprocess;

import java.net.InetSocketAddress;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.Server;

/**
 * The REST API served inside this JVM only: hand it to {@code ConvroHttpApp.create} and Jetty gets an
 * {@link InProcessConnector} instead of a listening socket; once the app is started, {@link #open} opens
 * connections to it.
 */
public final class InProcessHttp {
    private volatile InProcessConnector connector;

    /** For Javalin's {@code addConnector}: the connector of the server being started. */
    public Connector connectorFor(Server server, HttpConfiguration configuration) {
        InProcessConnector created = new InProcessConnector(server, configuration);
        connector = created;
        return created;
    }

    /**
     * A new connection; see {@link InProcessConnector#open}.
     *
     * @throws IllegalStateException before the app started, after it stopped, or while it stops
     */
    public InProcessConnection open(InetSocketAddress local, int clientPort, InProcessConnection.ResponseSink sink) {
        InProcessConnector started = connector;
        if (started == null) {
            throw new IllegalStateException("the REST backend has not started");
        }
        return started.open(local, clientPort, sink);
    }
}
