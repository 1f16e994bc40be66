package io.convro.adapter.http;

import io.convro.adapter.http.web.ServedRequests;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import java.util.function.Supplier;

/**
 * What operators see of the REST API: where its request timer goes, and {@code GET /metrics}.
 *
 * @param meters       where {@code http.server.requests} is recorded
 * @param scrape       the body of {@code GET /metrics} (Prometheus text format); {@code null}: no such route
 * @param metricsToken the bearer token {@code GET /metrics} requires; {@code null}: the route is public
 */
public record HttpOperations(MeterRegistry meters, Supplier<String> scrape, String metricsToken) {
    /** Requests timed nowhere (a registry without children drops every measurement) and no {@code /metrics}. */
    public static HttpOperations none() {
        return new HttpOperations(new CompositeMeterRegistry(), null, null);
    }

    ServedRequests served() {
        return new ServedRequests(meters);
    }
}
