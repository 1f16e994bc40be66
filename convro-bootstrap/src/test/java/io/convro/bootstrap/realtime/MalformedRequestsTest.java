package io.convro.bootstrap.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.convro.edge.RawHttpConnection;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 20: every malformed request on the REST port is answered with the API's JSON error ({@code 400 BAD_REQUEST},
 * docs/API-REFERENCE.md) within two seconds, and the connection is closed: never silence, never Jetty's HTML page, and
 * a request pipelined behind it is never answered in its place. On the one public port and in two-port mode.
 */
class MalformedRequestsTest {
    private static final Duration PROMPTLY = Duration.ofSeconds(2);
    private static final String HEALTH = "GET /health HTTP/1.1\r\nHost: x\r\n\r\n";

    @TempDir
    static Path onePortData;
    @TempDir
    static Path twoPortData;
    private static RunningServer onePort;
    private static RunningServer twoPorts;

    @BeforeAll
    static void start() {
        onePort = RunningServer.onePort(onePortData);
        twoPorts = RunningServer.start(twoPortData, Map.of("CONVRO_SOCKETIO_PORT", "0"));
    }

    @AfterAll
    static void stop() {
        if (onePort != null) {
            onePort.close();
        }
        if (twoPorts != null) {
            twoPorts.close();
        }
    }

    static Stream<Arguments> malformed() {
        Stream<String> requests = Stream.of(
                "GET /%ZZ HTTP/1.1\r\nHost: x\r\n\r\n",
                "GET /v1/auth/me% HTTP/1.1\r\nHost: x\r\n\r\n",
                "GET /health?x=%ZZ HTTP/1.1\r\nHost: x\r\n\r\n",
                "GET /socket.io/?EIO=4&transport=polling&x=%ZZ HTTP/1.1\r\nHost: x\r\n\r\n",
                "GET /a%00b HTTP/1.1\r\nHost: x\r\n\r\n",
                "GET /v1/../health HTTP/1.1\r\nHost: x\r\n\r\n",
                "GET /%2e%2e/health HTTP/1.1\r\nHost: x\r\n\r\n",
                "GET http://elsewhere.example/health HTTP/1.1\r\nHost: x\r\n\r\n",
                "GET /%C3%28 HTTP/1.1\r\nHost: x\r\n\r\n",
                "GET /%FF HTTP/1.1\r\nHost: x\r\n\r\n",
                "GARBAGE\r\n\r\n",
                "GET /health HTTP/9.9\r\nHost: x\r\n\r\n",
                "GET /health HTTP/1.2\r\nHost: x\r\n\r\n",
                "POST /v1/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
                        + "ZZ\r\n{}\r\n0\r\n\r\n");
        return requests.flatMap(request -> Stream.of(Arguments.of("one port", request), Arguments.of("two ports", request)));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("malformed")
    void isAnsweredWithTheJsonErrorAndTheConnectionClosedBeforeAnythingPipelinedBehindIt(String mode, String request)
            throws IOException {
        RunningServer server = "one port".equals(mode) ? onePort : twoPorts;
        try (RawHttpConnection connection = new RawHttpConnection(new InetSocketAddress("127.0.0.1", server.port()))
                .readTimeout(PROMPTLY)) {
            connection.write(request + HEALTH);

            RawHttpConnection.Response answer = connection.read();

            assertThat(answer.status()).as(answer.text()).isEqualTo(400);
            assertThat(answer.header("content-type")).startsWith("application/json");
            assertThat(answer.header("x-content-type-options")).isEqualTo("nosniff");
            JsonNode body = RestClient.JSON.readTree(answer.body());
            assertThat(body.get("error").asText()).isEqualTo("BAD_REQUEST");
            assertThat(body.get("message").asText()).isNotBlank();
            assertThat(closed(connection)).as("closed after the answer, the pipelined /health never answered").isTrue();
        }
    }

    @org.junit.jupiter.api.Test
    void theSocketIoPortOfTheTwoPortModeAnswersAnUndecodableQueryToo() throws IOException {
        try (RawHttpConnection connection = new RawHttpConnection(new InetSocketAddress("127.0.0.1",
                twoPorts.socketIoBase().getPort())).readTimeout(PROMPTLY)) {
            connection.write("GET /socket.io/?EIO=4&transport=polling&x=%ZZ HTTP/1.1\r\nHost: x\r\n\r\n");

            RawHttpConnection.Response answer = connection.read();

            assertThat(answer.status()).isEqualTo(400);
            assertThat(RestClient.JSON.readTree(answer.body()).get("error").asText()).isEqualTo("BAD_REQUEST");
            assertThat(closed(connection)).isTrue();
        }
    }

    private static boolean closed(RawHttpConnection connection) throws IOException {
        try {
            return connection.closedByServer();
        } catch (SocketException reset) {
            return true;
        }
    }
}
