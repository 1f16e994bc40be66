package io.convro.adapter.ratelimit;

import io.github.bucket4j.TimeMeter;
import java.time.Duration;

/** A Bucket4j time source that moves only when the test says so. */
final class ManualTime implements TimeMeter {
    private long nanos = 1_000_000_000L;

    void advance(Duration by) {
        nanos += by.toNanos();
    }

    @Override
    public long currentTimeNanos() {
        return nanos;
    }

    @Override
    public boolean isWallClockBased() {
        return false;
    }
}
