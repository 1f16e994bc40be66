package io.convro.adapter.http.inprocess;

import io.convro.adapter.http.messages.SendMessageEndpoint;
import java.net.InetSocketAddress;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.Server;

/**
 * The REST API served inside this JVM only: hand it to {@code ConvroHttpApp.create} and Jetty gets an
 * {@link InProcessConnector} instead of a listening socket; once the app is started, {@link #open} opens
 * connections to it. The send route can also be answered without HTTP bytes: {@link #direct}.
 */
public final class InProcessHttp {
    private volatile InProcessConnector connector;
    private volatile SendMessageEndpoint sendMessage;

    /** For {@code ConvroHttpApp.create}: the send route, answered directly when the relay asks {@link #direct}. */
    public void serveDirectly(SendMessageEndpoint endpoint) {
        sendMessage = endpoint;
    }

    /** For Javalin's {@code addConnector}: the connector of the server being started. */
    public Connector connectorFor(Server server, HttpConfiguration configuration) {
        InProcessConnector created = new InProcessConnector(server, configuration, sendMessage);
        connector = created;
        return created;
    }

    /**
     * The send route if {@code method path} is it (the path without its query), for a caller that has the whole
     * request parsed already; {@code null} for any other request, which goes through {@link #open}.
     */
    public SendMessageEndpoint direct(String method, String path) {
        return SendMessageEndpoint.PATH.equals(path) && SendMessageEndpoint.METHOD.equals(method) ? sendMessage : null;
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
