package io.convro.adapter.http;

import static io.convro.adapter.http.OpenApiSchemas.assertDocumented;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/** {@code /health} reports a database that hangs or fails as down (503 degraded), never as an error. */
class HealthTest {

    @Test
    void aProbeThatNeverAnswersIsReportedDownAfterItsDeadline() throws Exception {
        CountDownLatch never = new CountDownLatch(1);
        try (TestServer server = new TestServer(() -> {
            try {
                never.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return true;
        })) {
            TestServer.Response response = server.getPublic("/health");
            assertThat(response.status()).isEqualTo(503);
            assertThat(response.retryAfter()).isEqualTo("2");
            assertThat(response.json().path("status").asText()).isEqualTo("degraded");
            assertThat(response.json().path("db").asText()).isEqualTo("down");
            assertDocumented("/health", response);
            // a second check while the first probe still hangs answers the same, without a new probe thread
            assertThat(server.getPublic("/health").status()).isEqualTo(503);
        } finally {
            never.countDown();
        }
    }

    @Test
    void aProbeThatThrowsIsReportedDown() {
        try (TestServer server = new TestServer(() -> {
            throw new IllegalStateException("connection refused");
        })) {
            TestServer.Response response = server.getPublic("/health");
            assertThat(response.status()).isEqualTo(503);
            assertThat(response.body()).doesNotContain("connection refused");
        }
    }
}
