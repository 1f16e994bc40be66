package io.convro.adapter.crypto;

import io.convro.application.shared.Clock;
import java.time.Duration;
import java.time.Instant;

/** A clock the test moves by hand. */
final class MutableClock implements Clock {
    private Instant now;

    MutableClock(Instant start) {
        this.now = start;
    }

    @Override
    public Instant now() {
        return now;
    }

    void set(Instant instant) {
        now = instant;
    }

    void advance(Duration duration) {
        now = now.plus(duration);
    }
}
