package io.convro.bootstrap;

import io.convro.adapter.http.ConvroHttpApp;
import io.convro.adapter.http.HealthProbe;
import io.convro.adapter.persistence.Database;
import io.convro.adapter.socketio.RealtimeServer;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.redisson.api.RedissonClient;
import org.redisson.api.redisnode.RedisNodes;

/**
 * What {@code /health} and the status page tell about this node: whether the database answers (pinged per request,
 * time-boxed by the HTTP adapter), which database it is, Redis as last seen, and the sockets open now. Redis is pinged
 * in the background every {@link #REDIS_EVERY}, never on a request: a Redis outage must not slow {@code /health}.
 */
final class NodeHealth implements HealthProbe, AutoCloseable {
    static final Duration REDIS_EVERY = Duration.ofSeconds(5);
    private static final Duration REDIS_PING_TIMEOUT = Duration.ofSeconds(2);

    private final Database database;
    private final RedissonClient redis;
    private final Supplier<RealtimeServer> realtime;
    private final ScheduledExecutorService pinger;
    private volatile RedisState redisState;

    /** @param redis the node's Redis client, or {@code null} without Redis; {@code realtime} may answer null while starting */
    NodeHealth(Database database, RedissonClient redis, Supplier<RealtimeServer> realtime) {
        this.database = database;
        this.redis = redis;
        this.realtime = realtime;
        this.redisState = redis == null ? RedisState.none : RedisState.down;
        if (redis == null) {
            pinger = null;
            return;
        }
        pinger = Executors.newSingleThreadScheduledExecutor(work -> {
            Thread thread = new Thread(work, "convro-redis-health");
            thread.setDaemon(true);
            return thread;
        });
        pinger.scheduleWithFixedDelay(this::pingRedis, 0, REDIS_EVERY.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void pingRedis() {
        boolean up;
        try {
            up = redis.getRedisNodes(RedisNodes.SINGLE).pingAll(REDIS_PING_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RuntimeException unreachable) {
            up = false;
        }
        redisState = up ? RedisState.up : RedisState.down;
    }

    @Override
    public boolean databaseUp() {
        return database.ping(ConvroHttpApp.HEALTH_DEADLINE);
    }

    @Override
    public String database() {
        return database.description();
    }

    @Override
    public RedisState redis() {
        return redisState;
    }

    @Override
    public int socketsConnected() {
        RealtimeServer server = realtime.get();
        return server == null ? 0 : server.connectedSockets();
    }

    @Override
    public void close() {
        if (pinger != null) {
            pinger.shutdownNow();
        }
    }
}
