package io.convro.adapter.socketio.relay;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObject;
import io.netty.util.ReferenceCountUtil;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A {@link BackendLink} to a backend in this JVM ({@link InProcessBackend}): the request is encoded to HTTP/1.1
 * bytes and handed over, the response bytes come back on the backend's threads and are parsed on the client's
 * event loop, by the same HTTP codec a TCP link uses, into what {@link BackendExchanges} relays. Each opened
 * connection is a {@link Connection}, the identity its events carry.
 *
 * <p>Bounded both ways: the backend tells when it holds enough request bytes ({@link #isFull()} until it says
 * drained), and waits once {@link #MAX_IN_FLIGHT} response bytes are handed over but not yet relayed, or while
 * the client cannot take more.
 */
final class InProcessBackendLink implements BackendLink {
    /** Response bytes handed over by the backend but not yet written to the client, beyond which it waits. */
    static final int MAX_IN_FLIGHT = 256 * 1024;
    private static final int MAX_INITIAL_LINE = 4096;
    private static final int MAX_HEADER_SIZE = 16384;
    private static final int MAX_CHUNK_SIZE = 8192;

    private final InProcessBackend backend;
    private final RelayHandler relay;
    private final BackendExchanges exchanges;
    private Connection current;
    private boolean refused;

    InProcessBackendLink(InProcessBackend backend, RelayHandler relay, BackendExchanges exchanges) {
        this.backend = backend;
        this.relay = relay;
        this.exchanges = exchanges;
    }

    @Override
    public boolean owns(Object link) {
        return link != null && link == current;
    }

    @Override
    public boolean isConnecting() {
        return false;
    }

    @Override
    public boolean isFull() {
        return current != null && current.backendFull;
    }

    @Override
    public void send(HttpObject msg) {
        if (current == null && !refused) {
            open();
        }
        Connection connection = current;
        if (connection == null) {
            ReferenceCountUtil.release(msg);
            return;
        }
        connection.codec.writeOutbound(msg);
        ByteBuf encoded;
        while ((encoded = connection.codec.readOutbound()) != null) {
            ByteBuffer bytes = ByteBuffer.allocate(encoded.readableBytes());
            encoded.readBytes(bytes);
            encoded.release();
            bytes.flip();
            if (!connection.link.send(bytes)) {
                connection.backendFull = true;
            }
        }
        relay.updateReading();
    }

    private void open() {
        Channel client = relay.context().channel();
        Connection connection = new Connection(client);
        try {
            InetSocketAddress local = client.localAddress() instanceof InetSocketAddress address ? address
                    : new InetSocketAddress(0);
            int clientPort = client.remoteAddress() instanceof InetSocketAddress address ? address.getPort() : 0;
            connection.link = backend.open(local, clientPort, connection);
        } catch (RuntimeException unavailable) {
            connection.codec.finishAndReleaseAll();
            // until this exchange is over, whatever else it sends goes nowhere; it hears of the failure once
            refused = true;
            client.eventLoop().execute(exchanges::onUnreachable);
            return;
        }
        current = connection;
    }

    @Override
    public void flush() {
        // every part is handed over as it comes
    }

    @Override
    public void pauseReading() {
        if (current != null) {
            current.clientPaused = true;
        }
    }

    @Override
    public void resumeReading() {
        if (current != null) {
            current.clientPaused = false;
            current.resumeBackendIfWaiting();
        }
    }

    @Override
    public boolean forget(Object link) {
        if (link == null || link != current) {
            return false;
        }
        current.codec.finishAndReleaseAll();
        current = null;
        return true;
    }

    @Override
    public void close() {
        Connection connection = current;
        current = null;
        refused = false;
        if (connection != null) {
            connection.link.close();
            connection.codec.finishAndReleaseAll();
        }
    }

    @Override
    public void discardBacklog() {
        // nothing waits here: every part was handed over at once; a refused exchange is over now
        refused = false;
    }

    /** One opened connection to the backend; its methods from {@link InProcessBackend.Responses} run on the backend's threads. */
    private final class Connection implements InProcessBackend.Responses {
        private final Channel client;
        private final EmbeddedChannel codec = new EmbeddedChannel(
                new HttpClientCodec(MAX_INITIAL_LINE, MAX_HEADER_SIZE, MAX_CHUNK_SIZE));
        private final AtomicLong inFlight = new AtomicLong();
        private InProcessBackend.Link link;
        private boolean backendFull;
        private volatile boolean clientPaused;
        private volatile boolean backendWaiting;

        Connection(Channel client) {
            this.client = client;
        }

        @Override
        public boolean write(ByteBuffer responseBytes) {
            int length = responseBytes.remaining();
            ByteBuf copy = client.alloc().buffer(length).writeBytes(responseBytes);
            long pending = inFlight.addAndGet(length);
            client.eventLoop().execute(() -> relay(copy, length));
            boolean more = pending < MAX_IN_FLIGHT && !clientPaused;
            if (!more) {
                backendWaiting = true;
                // whatever relays the bytes above may have looked before the flag was set: look again after it
                client.eventLoop().execute(this::resumeBackendIfWaiting);
            }
            return more;
        }

        @Override
        public void drained() {
            client.eventLoop().execute(() -> {
                if (current == this) {
                    backendFull = false;
                    relay.updateReading();
                }
            });
        }

        @Override
        public void closed() {
            client.eventLoop().execute(() -> exchanges.onClosed(this));
        }

        /** On the client's event loop: parse the bytes and relay what they complete. */
        private void relay(ByteBuf bytes, int length) {
            inFlight.addAndGet(-length);
            if (current != this) {
                bytes.release();
                return;
            }
            codec.writeInbound(bytes);
            Object message;
            while ((message = codec.readInbound()) != null) {
                if (message instanceof HttpObject object && current == this) {
                    exchanges.onMessage(this, object);
                } else {
                    ReferenceCountUtil.release(message);
                }
            }
            if (current == this) {
                exchanges.onReadComplete(this);
                resumeBackendIfWaiting();
            }
        }

        /** On the client's event loop: let the backend write on if it waits and may. */
        private void resumeBackendIfWaiting() {
            if (backendWaiting && !clientPaused && inFlight.get() < MAX_IN_FLIGHT && current == this) {
                backendWaiting = false;
                link.resume();
            }
        }
    }
}
