package io.convro.adapter.ratelimit;

import io.convro.application.shared.RateLimit;
import io.convro.application.shared.RateLimiter;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.redisson.Redisson;
import org.redisson.api.RScript;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;
import org.redisson.config.Config;
import org.redisson.config.SingleServerConfig;

/**
 * Token buckets in Redis, shared by every node: one hash per bucket under {@value #KEY_PREFIX}, updated by one Lua
 * script so that taking a permit is atomic across nodes. The script reads Redis' own clock ({@code TIME}), so
 * nodes whose clocks differ still agree, and lets a key expire once its bucket would be full again: idle
 * addresses leave nothing behind.
 *
 * <p>Same semantics as {@link LocalRateLimiter}: {@code permits} at once, refilled evenly over {@code per}.
 * (Bucket4j's Redisson integration would do the same but is not available here; Redisson's {@code RRateLimiter}
 * cannot say how long to wait.)
 */
public final class RedisRateLimiter implements RateLimiter, AutoCloseable {
    public static final String KEY_PREFIX = "convro:ratelimit:";

    /**
     * KEYS[1] the bucket; ARGV[1] permits, ARGV[2] period in ms. Returns 0 when a permit was taken, else the ms
     * until one is available. Tokens are fractional so that a refill of one permit every 2.5 s is exact.
     */
    static final String TOKEN_BUCKET = """
            local permits = tonumber(ARGV[1])
            local period = tonumber(ARGV[2])
            local t = redis.call('TIME')
            local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
            local state = redis.call('HMGET', KEYS[1], 'tokens', 'at')
            local tokens = tonumber(state[1]) or permits
            local at = tonumber(state[2]) or now
            if now > at then
              tokens = math.min(permits, tokens + (now - at) * permits / period)
              at = now
            end
            local wait = 0
            if tokens >= 1 then
              tokens = tokens - 1
            else
              wait = math.max(1, math.ceil((1 - tokens) * period / permits))
            end
            redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', tostring(at))
            redis.call('PEXPIRE', KEYS[1], math.ceil((permits - tokens) * period / permits) + 1000)
            return wait
            """;

    private final RedissonClient redisson;
    private final boolean ownsClient;
    private final RScript script;

    private RedisRateLimiter(RedissonClient redisson, boolean ownsClient) {
        this.redisson = redisson;
        this.ownsClient = ownsClient;
        this.script = redisson.getScript(StringCodec.INSTANCE);
    }

    /** Connect to {@code redis://[user:password@]host[:port][/database]}; {@link #close()} disconnects. */
    public static RedisRateLimiter connect(URI redisUrl) {
        return new RedisRateLimiter(Redisson.create(config(redisUrl)), true);
    }

    /** On a client the caller owns (and closes). */
    public static RedisRateLimiter on(RedissonClient redisson) {
        return new RedisRateLimiter(redisson, false);
    }

    @Override
    public Optional<Duration> tryAcquire(String bucket, RateLimit limit) {
        String key = KEY_PREFIX + bucket;
        Long waitMillis = script.eval(key, RScript.Mode.READ_WRITE, TOKEN_BUCKET, RScript.ReturnType.INTEGER,
                List.of(key), Integer.toString(limit.permits()), Long.toString(limit.per().toMillis()));
        return waitMillis == null || waitMillis <= 0 ? Optional.empty() : Optional.of(Duration.ofMillis(waitMillis));
    }

    @Override
    public void close() {
        if (ownsClient) {
            redisson.shutdown();
        }
    }

    private static Config config(URI url) {
        Config config = new Config();
        int port = url.getPort() == -1 ? 6379 : url.getPort();
        SingleServerConfig single = config.useSingleServer().setAddress(url.getScheme() + "://" + url.getHost() + ":" + port);
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
