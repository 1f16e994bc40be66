package io.convro.adapter.http;

import io.convro.application.shared.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * What the HTTP adapter needs besides the use cases.
 *
 * @param version         the server version shown by {@code /health} and the status page
 * @param startedAt       when the process started ({@code uptimeSeconds} counts from here)
 * @param clock           the time source for {@code /health}
 * @param shutdownTimeout how long {@link ConvroHttpApp#stopGracefully} lets in-flight requests finish
 */
public record HttpSettings(String version, Instant startedAt, Clock clock, Duration shutdownTimeout) {
    public HttpSettings {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(shutdownTimeout, "shutdownTimeout");
    }

    /** System clock and a 5 s shutdown grace period. */
    public static HttpSettings of(String version, Instant startedAt) {
        return new HttpSettings(version, startedAt, Instant::now, Duration.ofSeconds(5));
    }
}
