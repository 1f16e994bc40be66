package io.convro.adapter.http.inprocess;

import java.nio.ByteBuffer;

/**
 * One HTTP/1.1 connection to Jetty that lives inside this JVM (see {@link InProcessConnector}). Its methods are
 * for the caller's side: they never block and may be called from any thread, but from one thread at a time.
 */
public interface InProcessConnection {
    /**
     * More request bytes, in order. The buffer becomes the connection's: the caller must not touch it again.
     *
     * @return whether more are welcome now; if not, the caller holds back until {@link ResponseSink#drained()}
     */
    boolean feed(ByteBuffer requestBytes);

    /** The caller can take response bytes again after {@link ResponseSink#write} asked it to wait. */
    void resume();

    /** Close the connection (Jetty sees the peer go away). */
    void close();

    /** Where a connection's response bytes go; called on Jetty's threads, in order. */
    interface ResponseSink {
        /**
         * Bytes of the responses; the buffer is Jetty's and only valid during the call (copy it).
         *
         * @return whether more may follow now; if not, Jetty waits until {@link InProcessConnection#resume()}
         */
        boolean write(ByteBuffer responseBytes);

        /** Jetty read the request bytes it had been given down to where {@link #feed} welcomes more again. */
        void drained();

        /** Jetty closed the connection (after {@code Connection: close}, an idle timeout or a failure). */
        void closed();
    }
}
