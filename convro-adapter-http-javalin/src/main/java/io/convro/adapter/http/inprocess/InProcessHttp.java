package io.convro.adapter.http.inprocess;

import io.convro.adapter.http.chain.Chain;
import io.convro.adapter.http.chain.Route;
import java.net.InetSocketAddress;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.Server;

/**
 * The REST API served inside this JVM only: hand it to {@code ConvroHttpApp.create} and Jetty gets an
 * {@link InProcessConnector} instead of a listening socket; once the app is started, {@link #open} opens
 * connections to it. A route that never waits (the send route) can also be answered without HTTP bytes, by the same
 * chain: {@link #direct}.
 */
public final class InProcessHttp {
    private volatile InProcessConnector connector;
    private volatile Chain chain;

    /** For {@code ConvroHttpApp.create}: the chain that answers directly when the relay asks {@link #direct}. */
    public void serveDirectly(Chain requests) {
        chain = requests;
    }

    /** For Javalin's {@code addConnector}: the connector of the server being started. */
    public Connector connectorFor(Server server, HttpConfiguration configuration) {
        InProcessConnector created = new InProcessConnector(server, configuration, chain);
        connector = created;
        return created;
    }

    /**
     * The chain, if {@code method path} (the path without its query) is a route it answers straight from a parsed
     * request ({@link Chain#answerRelayed}), for a caller that has the whole request parsed already; {@code null} for
     * any other request, which goes through {@link #open}.
     */
    public Chain direct(String method, String path) {
        Chain requests = chain;
        if (requests == null) {
            return null;
        }
        Route route = requests.table().direct(method, path);
        return route == null ? null : requests;
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
