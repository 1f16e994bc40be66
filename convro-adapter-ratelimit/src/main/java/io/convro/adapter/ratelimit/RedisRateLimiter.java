package io.convro.adapter.ratelimit;

import io.convro.application.shared.RateLimit;
import io.convro.application.shared.RateLimiter;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.redisson.Redisson;
import org.redisson.api.RScript;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;
import org.redisson.config.Config;
import org.redisson.config.SingleServerConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Token buckets in Redis, shared by every node: one hash per bucket under {@value #KEY_PREFIX}, updated by one Lua
 * script so that taking a permit is atomic across nodes. The script reads Redis' own clock ({@code TIME}), so
 * nodes whose clocks differ still agree, and lets a key expire once its bucket would be full again: idle
 * addresses leave nothing behind.
 *
 * <p>Same semantics as {@link LocalRateLimiter}: {@code permits} at once, refilled evenly over {@code per}.
 * (Bucket4j's Redisson integration would do the same but is not available here; Redisson's {@code RRateLimiter}
 * cannot say how long to wait.)
 *
 * <p>Redis slow or gone: a request waits at most {@link #ANSWER_WITHIN} for it, and is then counted in this node's
 * own buckets ({@link LocalRateLimiter}), as every request is for {@link #PAUSE_AFTER_FAILURE} after a failure (so
 * an outage costs one short wait, not one per request). The limit keeps holding during the outage, per node instead
 * of for the whole cluster; the requests themselves are never failed for it. Before, with Redis stopped, register,
 * login and refresh hung for the whole outage, and with it killed they answered 500 after about 5 s.
 */
public final class RedisRateLimiter implements RateLimiter, AutoCloseable {
    public static final String KEY_PREFIX = "convro:ratelimit:";
    /** How long a request waits for Redis' answer before this node's buckets decide. */
    static final Duration ANSWER_WITHIN = Duration.ofMillis(500);
    /** After Redis failed to answer, how long every request goes to this node's buckets without asking it. */
    static final Duration PAUSE_AFTER_FAILURE = Duration.ofSeconds(2);
    private static final Logger LOG = LoggerFactory.getLogger(RedisRateLimiter.class);
    private static final long REPORT_EVERY_NANOS = Duration.ofSeconds(10).toNanos();

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
    private final RateLimiter fallback;
    private final AtomicLong fallbacks = new AtomicLong();
    private final AtomicLong nextReport = new AtomicLong(System.nanoTime());
    private volatile long pausedUntil = System.nanoTime();

    private RedisRateLimiter(RedissonClient redisson, boolean ownsClient, RateLimiter fallback) {
        this.redisson = redisson;
        this.ownsClient = ownsClient;
        this.script = redisson.getScript(StringCodec.INSTANCE);
        this.fallback = fallback;
    }

    /** Connect to {@code redis://[user:password@]host[:port][/database]}; {@link #close()} disconnects. */
    public static RedisRateLimiter connect(URI redisUrl) {
        return new RedisRateLimiter(Redisson.create(config(redisUrl)), true, new LocalRateLimiter());
    }

    /** On a client the caller owns (and closes). */
    public static RedisRateLimiter on(RedissonClient redisson) {
        return on(redisson, new LocalRateLimiter());
    }

    /** On a client the caller owns, with {@code fallback} deciding while Redis does not answer. */
    public static RedisRateLimiter on(RedissonClient redisson, RateLimiter fallback) {
        return new RedisRateLimiter(redisson, false, fallback);
    }

    @Override
    public Optional<Duration> tryAcquire(String bucket, RateLimit limit) {
        if (pausedUntil - System.nanoTime() > 0) {
            return fallback.tryAcquire(bucket, limit);
        }
        String key = KEY_PREFIX + bucket;
        Long waitMillis;
        try {
            waitMillis = script.<Long>evalAsync(key, RScript.Mode.READ_WRITE, TOKEN_BUCKET, RScript.ReturnType.INTEGER,
                    List.of(key), Integer.toString(limit.permits()), Long.toString(limit.per().toMillis()))
                    .toCompletableFuture().get(ANSWER_WITHIN.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return fallback.tryAcquire(bucket, limit);
        } catch (ExecutionException | TimeoutException | RuntimeException unanswered) {
            pausedUntil = System.nanoTime() + PAUSE_AFTER_FAILURE.toNanos();
            report(unanswered);
            return fallback.tryAcquire(bucket, limit);
        }
        return waitMillis == null || waitMillis <= 0 ? Optional.empty() : Optional.of(Duration.ofMillis(waitMillis));
    }

    /** How many times Redis did not answer in time and this node's buckets decided instead (tests). */
    long fallbacks() {
        return fallbacks.get();
    }

    /** One line per 10 s at most, naming the failure's class only: Redisson's messages quote the whole script. */
    private void report(Exception unanswered) {
        long count = fallbacks.incrementAndGet();
        long now = System.nanoTime();
        long due = nextReport.get();
        if (now - due >= 0 && nextReport.compareAndSet(due, now + REPORT_EVERY_NANOS)) {
            Throwable cause = unanswered instanceof ExecutionException && unanswered.getCause() != null
                    ? unanswered.getCause() : unanswered;
            LOG.warn("Redis did not answer a rate-limit check within {} ms ({}); this node's own buckets decide for the"
                    + " next {} s ({} times so far)", ANSWER_WITHIN.toMillis(), cause.getClass().getSimpleName(),
                    PAUSE_AFTER_FAILURE.toSeconds(), count);
        }
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
