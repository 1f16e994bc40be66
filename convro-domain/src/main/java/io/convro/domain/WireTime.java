package io.convro.domain;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * Convro's one time format: ISO-8601 UTC with exactly three millisecond digits and {@code Z}
 * ({@code 2026-11-25T14:10:54.120Z}); {@link Instant#toString()} drops zeros and is not used on the wire.
 */
public final class WireTime {
    private static final DateTimeFormatter FORMAT =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private WireTime() {
    }

    public static String format(Instant instant) {
        return instant == null ? null : FORMAT.format(instant);
    }

    /** The precision Convro stores: milliseconds. */
    public static Instant truncate(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MILLIS);
    }
}
