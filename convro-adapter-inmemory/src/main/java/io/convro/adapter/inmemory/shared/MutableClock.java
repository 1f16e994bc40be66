package io.convro.adapter.inmemory.shared;

import io.convro.application.shared.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock that stands still until told otherwise, for tests (token expiry, ordering by time). Thread-safe.
 * Like every Convro clock it reports milliseconds: finer parts of a set time are dropped.
 */
public final class MutableClock implements Clock {
    /** A fixed, unremarkable default start: 2026-01-01T00:00:00.000Z. */
    public static final Instant DEFAULT_START = Instant.parse("2026-01-01T00:00:00Z");

    private final AtomicReference<Instant> now;

    public MutableClock() {
        this(DEFAULT_START);
    }

    public MutableClock(Instant start) {
        this.now = new AtomicReference<>(truncate(start));
    }

    @Override
    public Instant now() {
        return now.get();
    }

    public void set(Instant instant) {
        now.set(truncate(instant));
    }

    /** Move the clock by {@code duration} (negative goes back) and return the new time. */
    public Instant advance(Duration duration) {
        Objects.requireNonNull(duration);
        return now.updateAndGet(current -> truncate(current.plus(duration)));
    }

    private static Instant truncate(Instant instant) {
        return Objects.requireNonNull(instant).truncatedTo(ChronoUnit.MILLIS);
    }
}
