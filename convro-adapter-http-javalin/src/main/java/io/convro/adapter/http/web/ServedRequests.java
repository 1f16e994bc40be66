package io.convro.adapter.http.web;

import io.convro.domain.device.DeviceId;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.http.Outcome;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.spi.LoggingEventBuilder;

/**
 * Where every answered REST request ends, whichever way it came: Javalin's routes (both port modes) and the send
 * route the one public port answers without Jetty (the chain's {@code answer}). It times the request on
 * Micrometer's standard {@code http.server.requests} timer (tags {@code method}, {@code uri} = the route template,
 * {@code status}, {@code outcome}) and writes the request line on the {@code convro.requests} logger.
 *
 * <p>The line holds the method, the route template (never the raw path or query), the status, the duration, the
 * client address and the caller's device id when the request carried a valid token: never a header, a token, a
 * body or a query value, so no password, refresh secret or ciphertext can reach the log through it.
 *
 * <p>Timers are looked up without allocating (by route, then method, then status), so the send path pays two map
 * reads and the timer's own update.
 */
public final class ServedRequests {
    /** Micrometer's name for the server request timer (Prometheus: {@code http_server_requests_seconds}). */
    public static final String TIMER = "http.server.requests";
    /** The logger of the request lines: set it to WARN in a logback file to turn them off. */
    public static final String LOGGER = "convro.requests";
    /** The {@code uri} of a request no route matched with a 404 (Micrometer's convention). */
    public static final String NOT_FOUND = "NOT_FOUND";
    /** The {@code uri} of any other request that matched no route (a 405, a refusal before routing). */
    public static final String UNKNOWN = "UNKNOWN";

    private static final Logger LOG = LoggerFactory.getLogger(LOGGER);
    private static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE");
    private static final int LOWEST_STATUS = 100;
    private static final int STATUSES = 500;

    private final MeterRegistry registry;
    private final ConcurrentHashMap<String, ConcurrentHashMap<String, AtomicReferenceArray<Timer>>> timers =
            new ConcurrentHashMap<>();

    /** Every request timed on {@code registry}; the client address comes with each request, found by its binding. */
    public ServedRequests(MeterRegistry registry) {
        this.registry = registry;
    }

    /**
     * One answered request.
     *
     * @param route  the route template ({@code /v1/devices/{deviceId}}), or {@link #NOT_FOUND} / {@link #UNKNOWN}
     * @param client the client address, {@code null} when unknown
     * @param device the authenticated caller's device, {@code null} when there was none
     */
    public void served(String method, String route, int status, long nanos, String client, DeviceId device) {
        String knownMethod = METHODS.contains(method) ? method : "OTHER";
        int knownStatus = status < LOWEST_STATUS || status >= LOWEST_STATUS + STATUSES ? 500 : status;
        timer(knownMethod, route, knownStatus).record(nanos, TimeUnit.NANOSECONDS);
        if (LOG.isInfoEnabled()) {
            double millis = Math.round(nanos / 1_000.0) / 1_000.0;
            String deviceId = device == null ? null : device.value();
            LoggingEventBuilder line = LOG.atInfo()
                    .addKeyValue("method", knownMethod)
                    .addKeyValue("route", route)
                    .addKeyValue("status", knownStatus)
                    .addKeyValue("durationMs", millis);
            if (client != null) {
                line = line.addKeyValue("client", client);
            }
            if (deviceId != null) {
                line = line.addKeyValue("deviceId", deviceId);
            }
            line.log("{} {} {} {} ms client={} deviceId={}", knownMethod, route, knownStatus, millis, client,
                            deviceId == null ? "-" : deviceId);
        }
    }

    private Timer timer(String method, String route, int status) {
        AtomicReferenceArray<Timer> byStatus = timers.computeIfAbsent(route, r -> new ConcurrentHashMap<>())
                .computeIfAbsent(method, m -> new AtomicReferenceArray<>(STATUSES));
        int slot = status - LOWEST_STATUS;
        Timer timer = byStatus.get(slot);
        if (timer == null) {
            timer = Timer.builder(TIMER)
                    .description("REST requests answered, by method, route template and status")
                    .tag("method", method)
                    .tag("uri", route)
                    .tag("status", Integer.toString(status))
                    .tag("outcome", Outcome.forStatus(status).name())
                    .tag("exception", "none")
                    .register(registry);
            byStatus.set(slot, timer);
        }
        return timer;
    }
}
