package io.convro.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.convro.adapter.http.web.BoundedRequests;
import io.convro.adapter.http.web.ServedRequests;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Request threads are bounded: a few requests run in the routes at once, a bounded number wait without a thread for
 * a bounded time, and the rest are answered {@code 503} with {@code Retry-After} at once; {@code /health} is served
 * throughout. The routes wait for a store that the test holds.
 */
class BoundedRequestsTest {
    // HTTP/1.1 only: the JDK client holds concurrent requests back while its first one tries an h2c upgrade
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    @Test
    void beyondTheRunningAndWaitingRequestsTheNextIsAnswered503WithRetryAfterAtOnceAndHealthMeanwhile() throws Exception {
        CountDownLatch storeAnswers = new CountDownLatch(1);
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        try (TestServer server = new TestServer(new HttpOperations(meters, null, null))) {
            server.fakes.devicesWait.set(storeAnswers);
            BoundedRequests bound = server.app.jettyServer().server().getDescendant(BoundedRequests.class);
            int held = bound.getMaxRequestCount() + bound.getMaxSuspendedRequestCount();
            List<CompletableFuture<HttpResponse<String>>> waiting = new ArrayList<>();
            try {
                for (int i = 0; i < held; i++) {
                    waiting.add(client.sendAsync(server.authorized("/v1/auth/devices").GET().build(),
                            HttpResponse.BodyHandlers.ofString()));
                }
                awaitSuspended(bound, bound.getMaxSuspendedRequestCount());

                TestServer.Response beyond = server.get("/v1/auth/devices");

                assertThat(beyond.status()).isEqualTo(503);
                assertThat(beyond.retryAfter()).isNotNull();
                assertThat(Long.parseLong(beyond.retryAfter())).isPositive();
                assertThat(beyond.json().path("error").asText()).isEqualTo("SERVICE_UNAVAILABLE");
                assertThat(server.getPublic("/health").status()).as("health is never held back").isEqualTo(200);
                assertThat(waiting).noneMatch(CompletableFuture::isDone);
                // refused before any route matched: timed all the same
                assertThat(meters.get(ServedRequests.TIMER).tag("uri", ServedRequests.UNKNOWN).tag("status", "503")
                        .timer().count()).isEqualTo(1);
            } finally {
                storeAnswers.countDown();
            }
            for (CompletableFuture<HttpResponse<String>> answer : waiting) {
                assertThat(answer.get(30, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
            }
        }
    }

    @Test
    void aRequestThatWaitedLongerThanItsBoundIsAnswered503WithRetryAfter() throws Exception {
        CountDownLatch storeAnswers = new CountDownLatch(1);
        try (TestServer server = new TestServer()) {
            server.fakes.devicesWait.set(storeAnswers);
            BoundedRequests bound = server.app.jettyServer().server().getDescendant(BoundedRequests.class);
            List<CompletableFuture<HttpResponse<String>>> running = new ArrayList<>();
            try {
                for (int i = 0; i < bound.getMaxRequestCount(); i++) {
                    running.add(client.sendAsync(server.authorized("/v1/auth/devices").GET().build(),
                            HttpResponse.BodyHandlers.ofString()));
                }
                awaitRunning(server, bound.getMaxRequestCount());

                TestServer.Response late = server.get("/v1/auth/devices");

                assertThat(late.status()).isEqualTo(503);
                assertThat(late.retryAfter()).isNotNull();
                assertThat(bound.getTotalExpiredRequestCount()).isEqualTo(1);
            } finally {
                storeAnswers.countDown();
            }
            for (CompletableFuture<HttpResponse<String>> answer : running) {
                assertThat(answer.get(30, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
            }
        }
    }

    private static void awaitSuspended(BoundedRequests bound, int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (bound.getSuspendedRequestCount() < count && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(bound.getSuspendedRequestCount()).isEqualTo(count);
    }

    private static void awaitRunning(TestServer server, int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (waitingForTheStore() < count && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(waitingForTheStore()).isEqualTo(count);
    }

    /** Request threads parked in the fake store's wait. */
    private static long waitingForTheStore() {
        return Thread.getAllStackTraces().entrySet().stream()
                .filter(e -> e.getKey().getName().startsWith("convro-http"))
                .filter(e -> java.util.Arrays.stream(e.getValue()).anyMatch(frame -> frame.getMethodName().equals("awaited")))
                .count();
    }
}
