package io.convro.adapter.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.convro.application.shared.RateLimit;
import java.net.URI;
import java.time.Duration;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Two limiters on one Redis, as two nodes would be: they share one budget. */
class RedisRateLimiterIT {
    private RedisRateLimiter nodeA;
    private RedisRateLimiter nodeB;
    /** A fresh bucket per test, so runs within a minute of each other do not share budgets. */
    private final String bucket = "it:" + UUID.randomUUID();

    @BeforeEach
    void connect() {
        URI redis = redisUrl();
        nodeA = RedisRateLimiter.connect(redis);
        nodeB = RedisRateLimiter.connect(redis);
    }

    @AfterEach
    void disconnect() {
        if (nodeA != null) {
            nodeA.close();
        }
        if (nodeB != null) {
            nodeB.close();
        }
    }

    @Test
    void twoNodesSpendOneBudget() {
        RateLimit four = RateLimit.perMinute(4);
        assertThat(nodeA.tryAcquire(bucket, four)).isEmpty();
        assertThat(nodeB.tryAcquire(bucket, four)).isEmpty();
        assertThat(nodeA.tryAcquire(bucket, four)).isEmpty();
        assertThat(nodeB.tryAcquire(bucket, four)).isEmpty();

        assertThat(nodeA.tryAcquire(bucket, four)).hasValueSatisfying(wait ->
                assertThat(wait).isGreaterThan(Duration.ofSeconds(10)).isLessThanOrEqualTo(Duration.ofSeconds(15)));
        assertThat(nodeB.tryAcquire(bucket, four)).isPresent();
        assertThat(nodeB.tryAcquire("it:" + UUID.randomUUID(), four)).as("another bucket").isEmpty();
    }

    @Test
    void concurrentRequestsNeverGetMoreThanTheBudget() {
        RateLimit ten = RateLimit.perMinute(10);
        long granted = IntStream.range(0, 40).parallel()
                .filter(i -> (i % 2 == 0 ? nodeA : nodeB).tryAcquire(bucket, ten).isEmpty())
                .count();
        // the refill during the run is a fraction of a permit unless Redis is very slow
        assertThat(granted).isBetween(10L, 11L);
    }

    private static URI redisUrl() {
        String url = System.getenv("CONVRO_TEST_REDIS_URL");
        if (url == null || url.isBlank()) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail("CONVRO_TEST_REDIS_URL must be set in CI (e.g. redis://127.0.0.1:6379)");
            }
            assumeTrue(false, "CONVRO_TEST_REDIS_URL not set: Redis tests skipped");
        }
        return URI.create(url.trim());
    }
}
