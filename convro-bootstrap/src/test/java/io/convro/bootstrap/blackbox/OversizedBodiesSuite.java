package io.convro.bootstrap.blackbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.convro.bootstrap.ConvroConfig;
import io.convro.bootstrap.ConvroServer;
import io.convro.bootstrap.blackbox.BlackBoxHttp.Response;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * API.md §0's body limit through the public port, in both port modes: one port (REST relayed by the Socket.IO
 * listener) and two ports (REST on Jetty directly). Every route that takes a body, with the body's length declared
 * and streamed (chunked), authenticated, answers {@code 413 PAYLOAD_TOO_LARGE} one byte past its limit and for a
 * 1 MiB body, and stores nothing. Subclasses choose the database.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class OversizedBodiesSuite {
    private static final int MIB = 1024 * 1024;
    private static final int DEFAULT_LIMIT = 64 * 1024;
    private static final int SEND_LIMIT = 128 * 1024;
    private static final String PASSWORD = "correct horse battery";

    enum Ports { ONE, TWO }

    /** A route that reads a body, and the largest body it accepts. */
    record Route(String method, String path, int limit) {
        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    static final List<Route> ROUTES = List.of(
            new Route("POST", "/v1/auth/register", DEFAULT_LIMIT),
            new Route("POST", "/v1/auth/login", DEFAULT_LIMIT),
            new Route("POST", "/v1/auth/refresh", DEFAULT_LIMIT),
            new Route("POST", "/v1/auth/logout", DEFAULT_LIMIT),
            new Route("POST", "/v1/auth/devices/register", DEFAULT_LIMIT),
            new Route("DELETE", "/v1/auth/devices/00000000000000ff", DEFAULT_LIMIT),
            new Route("POST", "/v1/prekeys/upload", DEFAULT_LIMIT),
            new Route("POST", "/v1/dm/sessions/open", DEFAULT_LIMIT),
            new Route("POST", "/v1/dm/sessions/accept", DEFAULT_LIMIT),
            new Route("POST", "/v1/dm/messages/send", SEND_LIMIT),
            new Route("POST", "/v1/dm/messages/receipts", DEFAULT_LIMIT));

    private final Map<Ports, ConvroServer> servers = new EnumMap<>(Ports.class);
    private final Map<Ports, BlackBoxHttp> clients = new EnumMap<>(Ports.class);
    private final Map<Ports, String> tokens = new EnumMap<>(Ports.class);

    /** The environment of a server on a fresh database of its own ({@code name} tells them apart). */
    protected abstract Map<String, String> database(String name) throws Exception;

    protected abstract void cleanUp() throws Exception;

    @BeforeAll
    void startOneServerPerMode() throws Exception {
        for (Ports ports : Ports.values()) {
            Map<String, String> env = new HashMap<>(database(ports.name().toLowerCase()));
            env.put("CONVRO_HTTP_HOST", "127.0.0.1");
            env.put("CONVRO_HTTP_PORT", "0");
            env.put("CONVRO_AUTH_RATE_LIMIT", "0");
            if (ports == Ports.TWO) {
                env.put("CONVRO_SOCKETIO_PORT", "0");
            }
            ConvroServer server = new ConvroServer(ConvroConfig.from(env)).start();
            servers.put(ports, server);
            BlackBoxHttp http = new BlackBoxHttp(server.port(), code -> { });
            clients.put(ports, http);
            tokens.put(ports, register(http));
        }
    }

    @AfterAll
    void stop() throws Exception {
        try {
            servers.values().forEach(ConvroServer::close);
        } finally {
            cleanUp();
        }
    }

    static Stream<Arguments> everyRouteInBothModes() {
        List<Arguments> all = new ArrayList<>();
        for (Ports ports : Ports.values()) {
            for (Route route : ROUTES) {
                all.add(Arguments.of(ports, route));
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0} port(s): {1}")
    @MethodSource("everyRouteInBothModes")
    void oneBytePastTheLimitIs413DeclaredOrStreamed(Ports ports, Route route) {
        byte[] body = jsonOfSize(route.limit() + 1);
        send(ports, route, HttpRequest.BodyPublishers.ofByteArray(body)).expectError(413, "PAYLOAD_TOO_LARGE");
        send(ports, route, streamed(body)).expectError(413, "PAYLOAD_TOO_LARGE");
    }

    @ParameterizedTest(name = "{0} port(s): {1}")
    @MethodSource("everyRouteInBothModes")
    void aMebibyteIs413DeclaredOrStreamed(Ports ports, Route route) {
        byte[] body = jsonOfSize(MIB);
        send(ports, route, HttpRequest.BodyPublishers.ofByteArray(body)).expectError(413, "PAYLOAD_TOO_LARGE");
        send(ports, route, streamed(body)).expectError(413, "PAYLOAD_TOO_LARGE");
        assertThat(clients.get(ports).get(null, "/health").expect(200).path("status").asText())
                .as("the server goes on serving").isEqualTo("ok");
    }

    @ParameterizedTest(name = "{0} port(s): {1}")
    @MethodSource("everyRouteInBothModes")
    void aBodyAtTheLimitIsNotRefusedForItsSize(Ports ports, Route route) {
        byte[] body = jsonOfSize(route.limit());
        Response declared = send(ports, route, HttpRequest.BodyPublishers.ofByteArray(body));
        Response chunked = send(ports, route, streamed(body));
        assertThat(List.of(declared.status(), chunked.status())).as("%s %s", declared.body(), chunked.body())
                .doesNotContain(413, 500, 503);
    }

    @ParameterizedTest(name = "{0} port(s)")
    @EnumSource(Ports.class)
    void anOversizedRegistrationStoresNothing(Ports ports) {
        BlackBoxHttp http = clients.get(ports);
        String username = "big_" + ports.name().toLowerCase();
        String valid = "{\"username\":\"" + username + "\",\"password\":\"" + PASSWORD + "\",\"fullName\":\"";
        String padded = valid + "f".repeat(MIB - valid.length() - 2) + "\"}";
        http.post(null, "/v1/auth/register", padded).expectError(413, "PAYLOAD_TOO_LARGE");
        http.post(null, "/v1/auth/login", "{\"username\":\"" + username + "\",\"password\":\"" + PASSWORD + "\"}")
                .expectError(401, "INVALID_CREDENTIALS");
    }

    private Response send(Ports ports, Route route, BodyPublisher body) {
        BlackBoxHttp http = clients.get(ports);
        // a logout that is accepted revokes its token: each one gets a token of its own
        String token = route.path().equals("/v1/auth/logout") ? register(http) : tokens.get(ports);
        return http.send(http.builder(token, route.path()).header("Content-Type", "application/json")
                .method(route.method(), body).build());
    }

    private static String register(BlackBoxHttp http) {
        return http.post(null, "/v1/auth/register", "{\"password\":\"" + PASSWORD + "\"}").expect(201)
                .path("accessToken").asText();
    }

    /** Without a length: the client streams it chunked. */
    private static BodyPublisher streamed(byte[] body) {
        return HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body));
    }

    /** A JSON object of exactly {@code size} bytes. */
    private static byte[] jsonOfSize(int size) {
        String head = "{\"pad\":\"";
        String tail = "\"}";
        return (head + "p".repeat(size - head.length() - tail.length()) + tail).getBytes(StandardCharsets.UTF_8);
    }
}
