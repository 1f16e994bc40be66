package io.convro.adapter.persistence;

import java.time.Instant;

/**
 * Convro stores every time as BIGINT epoch milliseconds (UTC by definition), so neither the JDBC
 * driver nor a session time zone can shift it, and H2 and MySQL read back the same value.
 */
public final class Millis {
    private Millis() {
    }

    public static Long of(Instant instant) {
        return instant == null ? null : instant.toEpochMilli();
    }

    public static Instant toInstant(Long millis) {
        return millis == null ? null : Instant.ofEpochMilli(millis);
    }
}
