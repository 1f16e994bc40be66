package io.convro.bootstrap.realtime;

import io.convro.bootstrap.ConvroConfig;
import io.convro.bootstrap.ConvroServer;
import java.net.URI;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** An assembled server in this JVM on embedded H2, on one public port (or two ports when asked). */
final class RunningServer implements AutoCloseable {
    static final String JWT_SECRET = "realtime-e2e-test-secret-0123456789abcdef";

    private final ConvroServer server;

    private RunningServer(ConvroServer server) {
        this.server = server;
    }

    static RunningServer onePort(Path dataDir) {
        return start(dataDir, Map.of());
    }

    static RunningServer start(Path dataDir, Map<String, String> extra) {
        Map<String, String> env = new HashMap<>();
        env.put("CONVRO_HTTP_HOST", "127.0.0.1");
        env.put("CONVRO_HTTP_PORT", "0");
        env.put("CONVRO_DATA_DIR", dataDir.toString());
        env.put("CONVRO_JWT_SECRET", JWT_SECRET);
        // the realtime suites sign up many accounts from one address; the limit has its own black-box test
        env.put("CONVRO_AUTH_RATE_LIMIT", "0");
        env.putAll(extra);
        return new RunningServer(new ConvroServer(ConvroConfig.from(env)).start());
    }

    /** The public base URL: REST, and Socket.IO too in one-port mode. */
    URI base() {
        return URI.create("http://127.0.0.1:" + server.port());
    }

    URI socketIoBase() {
        return URI.create("http://127.0.0.1:" + server.socketIoPort());
    }

    int port() {
        return server.port();
    }

    @Override
    public void close() {
        server.close();
    }
}
