package io.convro.adapter.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import io.convro.application.shared.RateLimit;
import java.time.Duration;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class LocalRateLimiterTest {
    private static final RateLimit THREE_PER_MINUTE = RateLimit.perMinute(3);

    private final ManualTime time = new ManualTime();
    private final LocalRateLimiter limiter = new LocalRateLimiter(time, 1000);

    @Test
    void aFullBucketGrantsItsPermitsThenSaysHowLongToWait() {
        IntStream.range(0, 3).forEach(i -> assertThat(limiter.tryAcquire("login:203.0.113.7", THREE_PER_MINUTE)).isEmpty());

        Optional<Duration> refused = limiter.tryAcquire("login:203.0.113.7", THREE_PER_MINUTE);

        // one permit comes back every 20 s (3 per minute, refilled evenly)
        assertThat(refused).hasValueSatisfying(wait ->
                assertThat(wait).isPositive().isLessThanOrEqualTo(Duration.ofSeconds(20)).isGreaterThan(Duration.ofSeconds(19)));
    }

    @Test
    void aPermitComesBackAfterTheWaitItAnnounced() {
        IntStream.range(0, 3).forEach(i -> limiter.tryAcquire("login:203.0.113.7", THREE_PER_MINUTE));
        Duration wait = limiter.tryAcquire("login:203.0.113.7", THREE_PER_MINUTE).orElseThrow();

        time.advance(wait.minusMillis(1));
        assertThat(limiter.tryAcquire("login:203.0.113.7", THREE_PER_MINUTE)).as("not yet").isPresent();
        time.advance(Duration.ofMillis(1));
        assertThat(limiter.tryAcquire("login:203.0.113.7", THREE_PER_MINUTE)).isEmpty();
        assertThat(limiter.tryAcquire("login:203.0.113.7", THREE_PER_MINUTE)).as("only one came back").isPresent();
    }

    @Test
    void bucketsAreIndependent() {
        IntStream.range(0, 3).forEach(i -> limiter.tryAcquire("login:203.0.113.7", THREE_PER_MINUTE));

        assertThat(limiter.tryAcquire("login:203.0.113.7", THREE_PER_MINUTE)).isPresent();
        assertThat(limiter.tryAcquire("login:198.51.100.1", THREE_PER_MINUTE)).isEmpty();
        assertThat(limiter.tryAcquire("register:203.0.113.7", THREE_PER_MINUTE)).isEmpty();
    }

    @Test
    void idleBucketsAreDroppedOnceTheyWouldBeFullAgain() {
        LocalRateLimiter small = new LocalRateLimiter(time, 10);
        IntStream.range(0, 10).forEach(i -> small.tryAcquire("login:10.0.0." + i, THREE_PER_MINUTE));
        time.advance(Duration.ofMinutes(1));

        small.tryAcquire("login:10.0.1.1", THREE_PER_MINUTE);

        assertThat(small.size()).isEqualTo(1);
    }

    @Test
    void upkeepGoesToTheSweeperAndAStuckSweeperStillLeavesTheMapBounded() {
        java.util.List<Runnable> queued = new java.util.ArrayList<>();
        LocalRateLimiter small = new LocalRateLimiter(time, 100, queued::add);

        IntStream.range(0, 10_000).forEach(i -> small.tryAcquire("send:device-" + i, THREE_PER_MINUTE));

        assertThat(queued).as("upkeep handed to the sweeper").isNotEmpty();
        // the sweeper never ran: what callers did in passing (a few entries each) still kept the map near its bound
        assertThat(small.buckets().estimatedSize()).isLessThanOrEqualTo(100 + 1_024);
        queued.forEach(Runnable::run);
        assertThat(small.size()).isLessThanOrEqualTo(100);
    }

    @Test
    void hitsAndMissesAreRecorded() {
        limiter.tryAcquire("login:203.0.113.7", THREE_PER_MINUTE);
        limiter.tryAcquire("login:203.0.113.7", THREE_PER_MINUTE);

        assertThat(limiter.buckets().stats().missCount()).isEqualTo(1);
        assertThat(limiter.buckets().stats().hitCount()).isEqualTo(1);
    }

    @Test
    void aFloodOfAddressesNeverGrowsTheMapPastItsBound() {
        LocalRateLimiter small = new LocalRateLimiter(time, 100);

        IntStream.range(0, 10_000).forEach(i -> small.tryAcquire("login:addr-" + i, THREE_PER_MINUTE));

        assertThat(small.size()).isLessThanOrEqualTo(100);
        // the most recent client still has its own, spent bucket
        IntStream.range(0, 2).forEach(i -> small.tryAcquire("login:addr-9999", THREE_PER_MINUTE));
        assertThat(small.tryAcquire("login:addr-9999", THREE_PER_MINUTE)).isPresent();
    }

    @Test
    void aBucketAskedWithAnotherLimitStartsOverWithThatLimit() {
        IntStream.range(0, 3).forEach(i -> limiter.tryAcquire("login:203.0.113.7", THREE_PER_MINUTE));

        assertThat(limiter.tryAcquire("login:203.0.113.7", RateLimit.perMinute(5))).isEmpty();
    }
}
