package io.convro.adapter.socketio;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.URI;

/** Where the external services of the integration tests are; in CI a missing one fails the build instead of skipping. */
final class TestServices {
    private TestServices() {
    }

    static URI redisUrl() {
        String url = System.getenv("CONVRO_TEST_REDIS_URL");
        if (url == null || url.isBlank()) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail("CONVRO_TEST_REDIS_URL must be set in CI (e.g. redis://127.0.0.1:6379)");
            }
            assumeTrue(false, "CONVRO_TEST_REDIS_URL not set: Redis tests skipped");
        }
        return URI.create(url.trim());
    }
}
