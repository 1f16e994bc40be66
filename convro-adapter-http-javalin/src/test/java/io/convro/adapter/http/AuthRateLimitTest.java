package io.convro.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.convro.application.shared.RateLimit;
import io.convro.application.shared.RateLimiter;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The auth routes ask the limiter per route and client address, and a refusal is the contract's 429. */
class AuthRateLimitTest {
    private static final String LOGIN = "{\"password\":\"correct horse\",\"username\":\"alice\"}";
    private static final RateLimit LIMIT = RateLimit.perMinute(30);

    private final List<String> asked = new CopyOnWriteArrayList<>();
    private volatile Duration refuseWith;
    private final RateLimiter limiter = (bucket, limit) -> {
        assertThat(limit).isEqualTo(LIMIT);
        asked.add(bucket);
        return Optional.ofNullable(refuseWith);
    };
    private final TestServer server = new TestServer(AddressRateLimits.of(limiter, LIMIT));

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void registerLoginAndRefreshEachCountPerClientAddress() {
        server.postPublic("/v1/auth/register", "{\"password\":\"correct horse\"}");
        server.postPublic("/v1/auth/login", LOGIN);
        server.postPublic("/v1/auth/refresh", "{\"refreshToken\":\"rt_ab_cd\"}");

        assertThat(asked).containsExactly("register:127.0.0.1", "login:127.0.0.1", "refresh:127.0.0.1");
    }

    @Test
    void lookUpsCountPerClientAddressBeforeTheTokenIsChecked() {
        RateLimit resolveLimit = RateLimit.perMinute(120);
        List<String> resolveAsked = new CopyOnWriteArrayList<>();
        RateLimiter refusing = (bucket, limit) -> {
            assertThat(limit).isEqualTo(resolveLimit);
            resolveAsked.add(bucket);
            return resolveAsked.size() > 1 ? Optional.of(Duration.ofMillis(500)) : Optional.empty();
        };
        try (TestServer limited = new TestServer(new AddressRateLimits(refusing, Optional.empty(), Optional.of(resolveLimit)))) {
            assertThat(limited.get("/v1/users/resolve?username=anna").status()).isEqualTo(200);
            TestServer.Response refused = limited.getPublic("/v1/users/resolve?username=anna");
            assertThat(refused.status()).as("refused before the missing token is noticed").isEqualTo(429);
            assertThat(refused.retryAfter()).isEqualTo("1");
            limited.postPublic("/v1/auth/login", LOGIN);
        }
        assertThat(resolveAsked).containsExactly("resolve-address:127.0.0.1", "resolve-address:127.0.0.1");
    }

    @Test
    void authenticatedRoutesAndOtherMethodsAreNotCounted() {
        server.get("/v1/auth/me");
        server.post("/v1/auth/logout", "{}");
        server.getPublic("/v1/auth/login");
        server.getPublic("/health");

        assertThat(asked).isEmpty();
    }

    @Test
    void aRefusalIs429WithRetryAfterRoundedUpToWholeSeconds() {
        refuseWith = Duration.ofMillis(19_001);

        TestServer.Response response = server.postPublic("/v1/auth/login", LOGIN);

        assertThat(response.status()).isEqualTo(429);
        assertThat(response.error()).isEqualTo("RATE_LIMITED");
        assertThat(response.retryAfter()).isEqualTo("20");
        OpenApiSchemas.assertDocumented("/v1/auth/login", response);
    }

    @Test
    void aWaitUnderOneSecondStillAsksForOne() {
        refuseWith = Duration.ofMillis(3);

        assertThat(server.postPublic("/v1/auth/register", "{\"password\":\"correct horse\"}").retryAfter()).isEqualTo("1");
    }

    @Test
    void behindTheLoopbackRelayTheLastForwardedForEntryIsTheClient() {
        // the client may claim anything; the relay appends the peer it really saw, so only the last entry counts
        server.send(HttpRequest.newBuilder(server.uri("/v1/auth/login")).header("Content-Type", "application/json")
                .header("X-Forwarded-For", "10.9.9.9, 198.51.100.23")
                .POST(HttpRequest.BodyPublishers.ofString(LOGIN)).build());

        assertThat(asked).containsExactly("login:198.51.100.23");
    }

    @Test
    void theLimitIsCheckedBeforeTheBodyIsRead() {
        refuseWith = Duration.ofSeconds(5);

        assertThat(server.postPublic("/v1/auth/login", "not even JSON").error()).isEqualTo("RATE_LIMITED");
    }
}
