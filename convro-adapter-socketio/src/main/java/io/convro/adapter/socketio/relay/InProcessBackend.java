package io.convro.adapter.socketio.relay;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;

/**
 * A REST backend in this JVM that the relay reaches without a socket: HTTP/1.1 bytes in, bytes out, per client
 * connection (the bootstrap plugs Jetty's in-process connector in here). No system call, no selector wake-up and
 * no TCP on either side: the loopback round trip of a relayed request is gone.
 */
public interface InProcessBackend {
    /**
     * Open a connection for a client connected to {@code local} (its port only tells connections apart).
     *
     * @throws IllegalStateException when the backend does not accept connections (the relay answers 503)
     */
    Link open(InetSocketAddress local, int clientPort, Responses responses);

    /**
     * The route that answers {@code method path} (the path without its query) from the parsed request, or {@code
     * null} when such a request goes over a {@link Link} like any other.
     */
    default DirectRoute direct(String method, String path) {
        return null;
    }

    /** The backend's side of a connection; called on the relay's event loop. */
    interface Link {
        /**
         * Request bytes, in order; the buffer becomes the backend's.
         *
         * @return whether more are welcome now; if not, the relay holds back until {@link Responses#drained()}
         */
        boolean send(ByteBuffer requestBytes);

        /** The relay can take response bytes again after {@link Responses#write} asked it to wait. */
        void resume();

        void close();
    }

    /** The relay's side of a connection; called on the backend's threads, in order. */
    interface Responses {
        /**
         * Response bytes; the buffer is only valid during the call.
         *
         * @return whether more may follow now; if not, the backend waits for {@link Link#resume()}
         */
        boolean write(ByteBuffer responseBytes);

        /** The backend has read what it was sent down to where it welcomes more again. */
        void drained();

        /** The backend closed the connection. */
        void closed();
    }
}
