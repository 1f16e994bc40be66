package io.convro.bootstrap.realtime;

import io.convro.bootstrap.testsupport.ScratchDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Two nodes from the shaded jar, each in its own process, sharing one scratch MariaDB database, one Redis and
 * one JWT secret: a deployment of Convro in miniature. Closing it stops both nodes and drops the database.
 */
final class TwoNodeCluster implements AutoCloseable {
    private final ScratchDatabase database;
    private final ServerProcess a;
    private final ServerProcess b;

    private TwoNodeCluster(ScratchDatabase database, ServerProcess a, ServerProcess b) {
        this.database = database;
        this.a = a;
        this.b = b;
    }

    /** {@code twoPorts}: Socket.IO on its own port per node (for a path-routing balancer) instead of one port. */
    static TwoNodeCluster start(String name, boolean twoPorts) throws IOException {
        String mysql = TestServices.mysqlUrl();
        String redis = TestServices.redisUrl();
        ScratchDatabase database = ScratchDatabase.create(mysql, name);
        Map<String, String> shared = Map.of("CONVRO_DB_URL", database.url(), "CONVRO_REDIS_URL", redis,
                "CONVRO_JWT_SECRET", RunningServer.JWT_SECRET,
                // the Redis budget outlives this run: a limit here would leak into the next suite on the same Redis
                "CONVRO_AUTH_RATE_LIMIT", "0");
        // one after the other: the first node runs the migrations
        ServerProcess a = ServerProcess.start(name + "-node-a", withDataDir(shared, name + "-a"), twoPorts);
        ServerProcess b = ServerProcess.start(name + "-node-b", withDataDir(shared, name + "-b"), twoPorts);
        return new TwoNodeCluster(database, a, b);
    }

    ServerProcess a() {
        return a;
    }

    ServerProcess b() {
        return b;
    }

    @Override
    public void close() throws Exception {
        try (ScratchDatabase dropLast = database; ServerProcess second = b; ServerProcess first = a) {
            // closed in reverse order of declaration: node A, node B, then the database
        }
    }

    private static Map<String, String> withDataDir(Map<String, String> shared, String node) throws IOException {
        Map<String, String> env = new HashMap<>(shared);
        env.put("CONVRO_DATA_DIR", Files.createDirectories(Path.of("target", "it-data", node)).toString());
        return env;
    }
}
