package io.convro.adapter.inmemory.shared;

import io.convro.application.shared.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** The real time, at the millisecond precision Convro stores. */
public final class SystemClock implements Clock {
    @Override
    public Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }
}
