package io.convro.bootstrap.blackbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.convro.bootstrap.ConvroConfig;
import io.convro.bootstrap.ConvroServer;
import io.convro.bootstrap.blackbox.BlackBoxHttp.Response;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The assembled server (embedded H2) with {@code CONVRO_AUTH_RATE_LIMIT=3}, over real HTTP: what a client that
 * guesses passwords sees. Every answer is held to /openapi.json by {@link BlackBoxHttp}, 429 and its
 * {@code Retry-After} included.
 */
class AuthRateLimitTest {
    private static final String PASSWORD = "correct horse battery";
    private final List<ConvroServer> servers = new ArrayList<>();
    private final List<Path> dataDirs = new ArrayList<>();
    private final List<String> seen = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        servers.forEach(ConvroServer::close);
        for (Path dir : dataDirs) {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    @Test
    void theFourthLoginInAMinuteFromOneAddressIs429WithRetryAfter() throws Exception {
        BlackBoxHttp http = start(Map.of());
        String username = register(http);

        for (int i = 0; i < 3; i++) {
            http.post(null, "/v1/auth/login", login(username, PASSWORD)).expect(200);
        }
        Response fourth = http.post(null, "/v1/auth/login", login(username, PASSWORD));

        fourth.expectError(429, "RATE_LIMITED");
        // 3 a minute come back one every 20 s
        assertThat(Integer.parseInt(fourth.retryAfter())).isBetween(1, 20);
        assertThat(seen).contains("RATE_LIMITED");
    }

    @Test
    void wrongPasswordsCountTooSoGuessingStopsAfterTheBudget() throws Exception {
        BlackBoxHttp http = start(Map.of());
        String username = register(http);

        for (int i = 0; i < 3; i++) {
            http.post(null, "/v1/auth/login", login(username, "guess number " + i)).expectError(401, "INVALID_CREDENTIALS");
        }

        http.post(null, "/v1/auth/login", login(username, PASSWORD)).expectError(429, "RATE_LIMITED");
    }

    @Test
    void throughThePublicPortAClaimedForwardedForDoesNotEscapeTheLimit() throws Exception {
        BlackBoxHttp http = start(Map.of());
        String username = register(http);
        for (int i = 0; i < 3; i++) {
            http.post(null, "/v1/auth/login", login(username, PASSWORD)).expect(200);
        }

        // the relay appends the address it really saw, and only the last entry counts
        Response spoofed = http.send(http.builder(null, "/v1/auth/login").header("Content-Type", "application/json")
                .header("X-Forwarded-For", "203.0.113.77")
                .POST(HttpRequest.BodyPublishers.ofString(login(username, PASSWORD))).build());

        spoofed.expectError(429, "RATE_LIMITED");
    }

    @Test
    void eachRouteHasItsOwnBudget() throws Exception {
        BlackBoxHttp http = start(Map.of());
        for (int i = 0; i < 3; i++) {
            http.post(null, "/v1/auth/refresh", "{}").expectError(400, "INVALID_REFRESH_TOKEN");
        }
        http.post(null, "/v1/auth/refresh", "{}").expectError(429, "RATE_LIMITED");

        register(http);
    }

    @Test
    void behindALoopbackProxyThatAppendsEachClientAddressHasItsOwnBudget() throws Exception {
        // two-port mode: REST is Jetty itself, reached here over loopback as from nginx with $proxy_add_x_forwarded_for
        BlackBoxHttp http = start(Map.of("CONVRO_SOCKETIO_PORT", "0"));
        String username = register(http);
        for (int i = 0; i < 3; i++) {
            viaProxy(http, "198.51.100.1", login(username, PASSWORD)).expect(200);
        }
        viaProxy(http, "198.51.100.1", login(username, PASSWORD)).expectError(429, "RATE_LIMITED");

        viaProxy(http, "198.51.100.2", login(username, PASSWORD)).expect(200);
    }

    @Test
    void zeroTurnsTheLimitOff() throws Exception {
        BlackBoxHttp http = start(Map.of("CONVRO_AUTH_RATE_LIMIT", "0"));
        for (int i = 0; i < 10; i++) {
            http.post(null, "/v1/auth/refresh", "{}").expectError(400, "INVALID_REFRESH_TOKEN");
        }
    }

    private BlackBoxHttp start(Map<String, String> extra) throws Exception {
        Path dataDir = Files.createTempDirectory("convro-bb-ratelimit");
        dataDirs.add(dataDir);
        Map<String, String> env = new HashMap<>();
        env.put("CONVRO_DATA_DIR", dataDir.toString());
        env.put("CONVRO_HTTP_PORT", "0");
        env.put("CONVRO_HTTP_HOST", "127.0.0.1");
        env.put("CONVRO_AUTH_RATE_LIMIT", "3");
        env.putAll(extra);
        ConvroServer server = new ConvroServer(ConvroConfig.from(env)).start();
        servers.add(server);
        return new BlackBoxHttp(server.port(), seen::add);
    }

    private static String register(BlackBoxHttp http) {
        String username = "rl_" + ClientKeys.hex(6);
        JsonNode created = http.post(null, "/v1/auth/register",
                "{\"password\":\"" + PASSWORD + "\",\"username\":\"" + username + "\"}").expect(201);
        assertThat(created.path("username").asText()).isEqualTo(username);
        return username;
    }

    private static String login(String username, String password) {
        return "{\"password\":\"" + password + "\",\"username\":\"" + username + "\"}";
    }

    private static Response viaProxy(BlackBoxHttp http, String client, String body) {
        return http.send(http.builder(null, "/v1/auth/login").header("Content-Type", "application/json")
                .header("X-Forwarded-For", client).POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }
}
