package io.convro.bootstrap;

import java.net.URI;
import org.redisson.Redisson;
import org.redisson.api.RedissonClient;
import org.redisson.config.Config;
import org.redisson.config.SingleServerConfig;

/**
 * The node's one Redis client, shared by Socket.IO (rooms, revocations) and the rate limits. There were two, each
 * with Redisson's defaults (16 threads, 32 netty threads, 24 idle connections of up to 64, 50 for subscriptions):
 * 96 of an idle node's 132 threads. What a node asks of Redis is small and fast (a publish per event, a Lua script
 * per limited request, a few subscriptions), so the client is sized to the cores, and every command is bounded in
 * time: connect 2 s, answer 1 s, one retry after 500 ms. Callers that must not wait even that long (a request's
 * rate-limit check, a publish) bound their own wait further or run in the background.
 */
final class NodeRedis {
    static final int CONNECT_TIMEOUT_MILLIS = 2_000;
    static final int ANSWER_TIMEOUT_MILLIS = 1_000;
    static final int RETRY_ATTEMPTS = 1;
    static final int RETRY_INTERVAL_MILLIS = 500;

    private NodeRedis() {
    }

    /** Connect to {@code redis://[user:password@]host[:port][/database]}; fails when Redis cannot be reached. */
    static RedissonClient connect(URI url) {
        return Redisson.create(config(url, Runtime.getRuntime().availableProcessors()));
    }

    static Config config(URI url, int cores) {
        Config config = new Config();
        int threads = Math.max(2, cores);
        // callbacks of commands and topic listeners (a revocation, a room broadcast from another node): short work
        config.setThreads(threads);
        // the I/O of a handful of connections
        config.setNettyThreads(threads);
        int port = url.getPort() == -1 ? 6379 : url.getPort();
        SingleServerConfig single = config.useSingleServer()
                .setAddress(url.getScheme() + "://" + url.getHost() + ":" + port)
                .setConnectTimeout(CONNECT_TIMEOUT_MILLIS)
                .setTimeout(ANSWER_TIMEOUT_MILLIS)
                .setRetryAttempts(RETRY_ATTEMPTS)
                .setRetryInterval(RETRY_INTERVAL_MILLIS)
                // commands are pipelined on few connections: publishes come from one background thread, limits
                // from the request threads
                .setConnectionMinimumIdleSize(2)
                .setConnectionPoolSize(2 * threads + 4)
                // Socket.IO's channels and Convro's revocation topic: about ten subscriptions, five per connection
                .setSubscriptionConnectionMinimumIdleSize(1)
                .setSubscriptionConnectionPoolSize(4);
        String userInfo = url.getUserInfo();
        if (userInfo != null && !userInfo.isEmpty()) {
            int colon = userInfo.indexOf(':');
            if (colon > 0) {
                single.setUsername(userInfo.substring(0, colon));
            }
            single.setPassword(colon < 0 ? userInfo : userInfo.substring(colon + 1));
        }
        String path = url.getPath();
        if (path != null && path.length() > 1) {
            single.setDatabase(Integer.parseInt(path.substring(1)));
        }
        return config;
    }
}
