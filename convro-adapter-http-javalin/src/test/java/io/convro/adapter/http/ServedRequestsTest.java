package io.convro.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.convro.adapter.http.web.ServedRequests;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.http.HttpRequest;
import org.junit.jupiter.api.Test;

/** Every request Javalin answers is timed on http.server.requests by its route template, never by its raw path. */
class ServedRequestsTest {
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    private long count(String method, String uri, String status) {
        Timer timer = meters.find(ServedRequests.TIMER).tag("method", method).tag("uri", uri).tag("status", status).timer();
        return timer == null ? 0 : timer.count();
    }

    @Test
    void routesAreTimedByTheirTemplateAndUnmatchedRequestsApart() {
        try (TestServer server = new TestServer(new HttpOperations(meters, null, null))) {
            assertThat(server.getPublic("/health").status()).isEqualTo(200);
            // the fake store knows no such device: a 404 of a matched route, timed by its template
            assertThat(server.delete("/v1/auth/devices/0123456789abcdef").status()).isEqualTo(404);
            assertThat(server.getPublic("/no/such/path?secret=1").status()).isEqualTo(404);
            assertThat(server.send(HttpRequest.newBuilder(server.uri("/health"))
                    .method("DELETE", HttpRequest.BodyPublishers.noBody()).build()).status()).isEqualTo(405);

            assertThat(count("GET", "/health", "200")).isEqualTo(1);
            assertThat(count("DELETE", "/v1/auth/devices/{deviceId}", "404")).isEqualTo(1);
            assertThat(count("GET", ServedRequests.NOT_FOUND, "404")).isEqualTo(1);
            assertThat(count("DELETE", ServedRequests.UNKNOWN, "405")).isEqualTo(1);
            assertThat(meters.find(ServedRequests.TIMER).timers()).noneSatisfy(timer ->
                    assertThat(timer.getId().getTag("uri")).contains("0123456789abcdef"));
        }
    }

    @Test
    void withoutAScrapeThereIsNoMetricsRoute() {
        try (TestServer server = new TestServer(new HttpOperations(meters, null, null))) {
            assertThat(server.getPublic("/metrics").status()).isEqualTo(404);
        }
        try (TestServer server = new TestServer(new HttpOperations(meters, () -> "up 1\n", null))) {
            TestServer.Response scraped = server.getPublic("/metrics");
            assertThat(scraped.status()).isEqualTo(200);
        }
    }
}
