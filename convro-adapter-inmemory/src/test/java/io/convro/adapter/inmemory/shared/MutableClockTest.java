package io.convro.adapter.inmemory.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class MutableClockTest {
    @Test
    void standsStillUntilAdvanced() {
        MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));

        assertThat(clock.now()).isEqualTo(clock.now()).isEqualTo(Instant.parse("2026-03-01T10:00:00Z"));
        assertThat(clock.advance(Duration.ofMinutes(15))).isEqualTo(Instant.parse("2026-03-01T10:15:00Z"));
        assertThat(clock.now()).isEqualTo(Instant.parse("2026-03-01T10:15:00Z"));
    }

    @Test
    void reportsMillisecondsOnlyLikeTheDatabaseStores() {
        MutableClock clock = new MutableClock();
        clock.set(Instant.parse("2026-03-01T10:00:00.123456789Z"));

        assertThat(clock.now()).isEqualTo(Instant.parse("2026-03-01T10:00:00.123Z"));
        assertThat(clock.advance(Duration.ofNanos(999_999))).isEqualTo(Instant.parse("2026-03-01T10:00:00.123Z"));
    }

    @Test
    void systemClockReportsMillisecondsOnly() {
        Instant now = new SystemClock().now();

        assertThat(now.getNano() % 1_000_000).isZero();
    }
}
