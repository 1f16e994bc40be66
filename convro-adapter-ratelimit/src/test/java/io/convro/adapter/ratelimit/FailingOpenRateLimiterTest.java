package io.convro.adapter.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import io.convro.application.shared.RateLimit;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FailingOpenRateLimiterTest {
    private static final RateLimit LIMIT = RateLimit.perMinute(1);

    @Test
    void aLimiterThatCannotAnswerGrantsThePermitAndCountsIt() {
        FailingOpenRateLimiter limiter = new FailingOpenRateLimiter((bucket, limit) -> {
            throw new IllegalStateException("Redis is down");
        });
        assertThat(limiter.tryAcquire("bundle:1>abc", LIMIT)).isEmpty();
        assertThat(limiter.tryAcquire("bundle:1>abc", LIMIT)).isEmpty();
        assertThat(limiter.failedOpen()).isEqualTo(2);
    }

    @Test
    void aLimiterThatAnswersIsObeyed() {
        FailingOpenRateLimiter limiter = new FailingOpenRateLimiter((bucket, limit) -> Optional.of(Duration.ofSeconds(3)));
        assertThat(limiter.tryAcquire("open:abc", LIMIT)).contains(Duration.ofSeconds(3));
        assertThat(limiter.failedOpen()).isZero();
    }
}
