package io.convro.adapter.socketio.relay;

import io.netty.handler.codec.http.HttpObject;

/**
 * A client connection's link to the REST backend, used only on the client's event loop. Its events reach the
 * connection's {@link BackendExchanges} with the link's identity, so that events of an older link are told apart.
 * Over TCP ({@link TcpBackendLink}) or to a backend in this JVM ({@link InProcessBackendLink}).
 */
interface BackendLink {
    /** Whether {@code link} is the current link; events of an older one are stale. */
    boolean owns(Object link);

    /** Whether the link is still being opened (what is sent meanwhile waits). */
    boolean isConnecting();

    /** Whether the backend cannot take more of the request now. */
    boolean isFull();

    /** A part of the request, opening the link first if needed. */
    void send(HttpObject msg);

    void flush();

    /** The client cannot take more of the response: the backend waits. */
    void pauseReading();

    /** The client can take the response again. */
    void resumeReading();

    /** The link closed by itself: forget it if it is the current one, and say whether it was. */
    boolean forget(Object link);

    void close();

    /** Drop what waits to be sent (the client is gone or the exchange failed). */
    void discardBacklog();
}
