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
 * @param maxThreads      the most request threads Jetty runs ({@link #defaultMaxThreads()} unless configured)
 * @param requestBodyTimeout how long a request's body may take once its head is there ({@code 408} then)
 */
public record HttpSettings(String version, Instant startedAt, Clock clock, Duration shutdownTimeout, int maxThreads,
                           Duration requestBodyTimeout) {
    /** The default body deadline: the largest body (128 KiB) at 13 KB/s. */
    public static final Duration DEFAULT_REQUEST_BODY_TIMEOUT = Duration.ofSeconds(10);

    /** Jetty needs a few threads of its own (acceptor, selectors) besides those that run requests. */
    static final int MIN_THREADS = 8;

    public HttpSettings {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(shutdownTimeout, "shutdownTimeout");
        Objects.requireNonNull(requestBodyTimeout, "requestBodyTimeout");
        if (maxThreads < MIN_THREADS) {
            throw new IllegalArgumentException("maxThreads must be at least " + MIN_THREADS);
        }
    }

    /** With the default body deadline. */
    public HttpSettings(String version, Instant startedAt, Clock clock, Duration shutdownTimeout, int maxThreads) {
        this(version, startedAt, clock, shutdownTimeout, maxThreads, DEFAULT_REQUEST_BODY_TIMEOUT);
    }

    /** System clock, a 5 s shutdown grace period and the default thread count. */
    public static HttpSettings of(String version, Instant startedAt) {
        return new HttpSettings(version, startedAt, Instant::now, Duration.ofSeconds(5), defaultMaxThreads());
    }

    /**
     * Eight request threads per core (16 on two cores). Sends never hold a thread while they wait for the
     * database (they complete asynchronously), so the threads only parse, check and answer; more of them on a
     * small machine only adds context switches. The blocking routes (registration hashes a password) share them.
     */
    public static int defaultMaxThreads() {
        return Math.max(MIN_THREADS * 2, 8 * Runtime.getRuntime().availableProcessors());
    }
}
