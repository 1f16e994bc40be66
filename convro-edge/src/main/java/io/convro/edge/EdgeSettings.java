package io.convro.edge;

import java.time.Duration;
import java.util.Objects;

/**
 * How the one public port serves the requests outside {@code /socket.io/}.
 *
 * @param rest             who answers them
 * @param keepAliveTimeout how long an idle keep-alive connection stays open between requests
 * @param bodyTimeout      how long a request's body may take once its head is there: then {@code 408
 *                         REQUEST_TIMEOUT} and the connection closes
 * @param gatheredBodies   the node's budget for bodies gathered before their request is answered
 */
public record EdgeSettings(RestApi rest, Duration keepAliveTimeout, Duration bodyTimeout, GatheredBodies gatheredBodies) {

    /** The default body deadline: the largest body (128 KiB) at 13 KB/s. */
    public static final Duration DEFAULT_BODY_TIMEOUT = Duration.ofSeconds(10);
    /** The default keep-alive timeout, as Jetty's idle timeout was twice over. */
    public static final Duration DEFAULT_KEEP_ALIVE_TIMEOUT = Duration.ofSeconds(60);

    public EdgeSettings {
        Objects.requireNonNull(rest, "rest");
        requirePositive(keepAliveTimeout, "keepAliveTimeout");
        requirePositive(bodyTimeout, "bodyTimeout");
        Objects.requireNonNull(gatheredBodies, "gatheredBodies");
    }

    /** Defaults: 60 s keep-alive, 10 s for a body, 16 MiB of gathered bodies. */
    public static EdgeSettings of(RestApi rest) {
        return new EdgeSettings(rest, DEFAULT_KEEP_ALIVE_TIMEOUT, DEFAULT_BODY_TIMEOUT,
                new GatheredBodies(GatheredBodies.DEFAULT_BYTES));
    }

    /** These settings with another body deadline. */
    public EdgeSettings withBodyTimeout(Duration timeout) {
        return new EdgeSettings(rest, keepAliveTimeout, timeout, gatheredBodies);
    }

    /** These settings with another keep-alive timeout. */
    public EdgeSettings withKeepAliveTimeout(Duration timeout) {
        return new EdgeSettings(rest, timeout, bodyTimeout, gatheredBodies);
    }

    /** These settings with another budget for gathered bodies. */
    public EdgeSettings withGatheredBodies(GatheredBodies budget) {
        return new EdgeSettings(rest, keepAliveTimeout, bodyTimeout, Objects.requireNonNull(budget, "budget"));
    }

    private static void requirePositive(Duration d, String name) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be a positive duration");
        }
    }
}
