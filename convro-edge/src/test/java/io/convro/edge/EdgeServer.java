package io.convro.edge;

import com.corundumstudio.socketio.Configuration;
import com.corundumstudio.socketio.SocketIOChannelInitializer;
import com.corundumstudio.socketio.SocketIOServer;
import com.corundumstudio.socketio.scheduler.CancelableScheduler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.util.function.UnaryOperator;

/**
 * A plain netty-socketio server on 127.0.0.1 and a free port, with the edge as its pipeline in front of an
 * {@link EchoApi}; Socket.IO event {@code echo} is acknowledged with {@code "echo:" + data}.
 */
final class EdgeServer implements AutoCloseable {

    final EchoApi api = new EchoApi();
    final EdgeSettings settings;
    private final SocketIOServer server;

    EdgeServer() {
        this(settings -> settings);
    }

    EdgeServer(UnaryOperator<EdgeSettings> tuning) {
        settings = tuning.apply(EdgeSettings.of(api));
        Configuration config = new Configuration();
        config.setHostname("127.0.0.1");
        config.setPort(freePort());
        server = new SocketIOServer(config);
        stopDefaultInitializer(server);
        server.setPipelineFactory(new EdgeChannelInitializer(settings));
        server.addEventListener("echo", String.class, (client, data, ack) -> ack.sendAckData("echo:" + data));
        server.start();
    }

    InetSocketAddress address() {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getConfiguration().getPort());
    }

    int port() {
        return server.getConfiguration().getPort();
    }

    URI uri(String target) {
        return URI.create("http://127.0.0.1:" + port() + target);
    }

    RawHttpConnection connect() throws IOException {
        return new RawHttpConnection(address());
    }

    @Override
    public void close() {
        server.stop();
        api.close();
    }

    /** Stops servers side by side: each takes netty's quiet period of two seconds, twice. */
    static void closeAll(EdgeServer... servers) {
        java.util.List<Thread> stopping = new java.util.ArrayList<>();
        for (EdgeServer server : servers) {
            if (server != null) {
                Thread thread = new Thread(server::close, "edge-server-stop");
                thread.start();
                stopping.add(thread);
            }
        }
        for (Thread thread : stopping) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /**
     * The initializer netty-socketio builds into every server starts a timer at once; replaced before it is ever
     * used, it would be garbage-collected with that timer running (a netty LEAK error in the test output). The
     * production wiring stops it the same way (the Socket.IO adapter's {@code UnusedInitializers}); here a renamed
     * field fails the test instead of logging.
     */
    private static void stopDefaultInitializer(SocketIOServer server) {
        try {
            Field initializer = SocketIOServer.class.getDeclaredField("pipelineFactory");
            initializer.setAccessible(true);
            Field scheduler = SocketIOChannelInitializer.class.getDeclaredField("scheduler");
            scheduler.setAccessible(true);
            ((CancelableScheduler) scheduler.get(initializer.get(server))).shutdown();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("netty-socketio's default initializer has changed", e);
        }
    }

    static int freePort() {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
