package io.convro.application.shared;

import java.time.Instant;

/** Out-port: the current time. Adapters return millisecond precision (what Convro stores). */
@FunctionalInterface
public interface Clock {
    Instant now();
}
