package io.convro.adapter.socketio.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.corundumstudio.socketio.SocketIOServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Black-box over real sockets: requests an in-process backend answers from their parsed form ({@link DirectRoute})
 * behave on the wire like every relayed request: headers, keep-alive, HTTP/1.0, order behind and ahead of other
 * requests, body limits, chunked bodies, failures.
 */
class DirectRoutesTest {
    private static final int BODY_LIMIT = 1024;
    private static final ScheduledExecutorService LATER = Executors.newSingleThreadScheduledExecutor();
    private static final AtomicInteger ASKED = new AtomicInteger();
    private static final CopyOnWriteArrayList<String> BODIES = new CopyOnWriteArrayList<>();
    private static SocketIOServer server;
    private static InetSocketAddress address;

    /** {@code POST /direct}: 201 with the Authorization header and the body; {@code POST /slow}: the same, later. */
    private static final class Backend implements InProcessBackend {
        @Override
        public DirectRoute direct(String method, String path) {
            if (!method.equals("POST")) {
                return null;
            }
            return switch (path) {
                case "/direct" -> (header, body) -> CompletableFuture.completedFuture(echo(header, body));
                case "/slow" -> (header, body) -> {
                    CompletableFuture<DirectRoute.Answer> later = new CompletableFuture<>();
                    LATER.schedule(() -> later.complete(echo(header, body)), 200, TimeUnit.MILLISECONDS);
                    return later;
                };
                case "/limited" -> (header, body) -> CompletableFuture.completedFuture(new DirectRoute.Answer(429,
                        "application/json", "{\"error\":\"RATE_LIMITED\"}".getBytes(StandardCharsets.UTF_8), "7"));
                case "/broken" -> (header, body) -> {
                    throw new IllegalStateException("a bug");
                };
                default -> null;
            };
        }

        private static DirectRoute.Answer echo(Function<String, String> header, byte[] body) {
            ASKED.incrementAndGet();
            BODIES.add(new String(body, StandardCharsets.UTF_8));
            String json = "{\"authorization\":\"" + header.apply("authorization") + "\",\"body\":\""
                    + new String(body, StandardCharsets.UTF_8) + "\"}";
            return new DirectRoute.Answer(201, "application/json", json.getBytes(StandardCharsets.UTF_8));
        }

        /** Every other request: {@code 200 backend} once its head has arrived (the tests send no other bodies). */
        @Override
        public Link open(InetSocketAddress local, int clientPort, Responses responses) {
            return new Link() {
                private final ByteArrayOutputStream received = new ByteArrayOutputStream();

                @Override
                public boolean send(ByteBuffer requestBytes) {
                    byte[] bytes = new byte[requestBytes.remaining()];
                    requestBytes.get(bytes);
                    received.writeBytes(bytes);
                    if (received.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
                        received.reset();
                        responses.write(ByteBuffer.wrap(
                                "HTTP/1.1 200 OK\r\nContent-Length: 7\r\n\r\nbackend".getBytes(StandardCharsets.US_ASCII)));
                    }
                    return true;
                }

                @Override
                public void resume() {
                }

                @Override
                public void close() {
                    responses.closed();
                }
            };
        }
    }

    @BeforeAll
    static void start() throws IOException {
        server = RelayingChannelInitializerTest.socketIoServer(new RelayingChannelInitializer(
                RelaySettings.inProcess(new Backend()).withBodyLimit(path -> BODY_LIMIT)));
        server.start();
        address = new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getConfiguration().getPort());
    }

    @AfterAll
    static void stop() {
        server.stop();
        LATER.shutdownNow();
    }

    @Test
    void aDirectRoutesRetryAfterReachesTheClient() throws Exception {
        try (RawHttpConnection connection = new RawHttpConnection(address)) {
            connection.write(RawHttpConnection.requestWithBody("POST", "/limited", "x"));
            RawHttpConnection.Response response = connection.read();
            assertThat(response.status()).isEqualTo(429);
            assertThat(response.header("Retry-After")).isEqualTo("7");
        }
    }

    @Test
    void aDirectRouteIsAnsweredWithItsStatusAndBodyAndTheUsualHeaders() throws Exception {
        try (RawHttpConnection connection = new RawHttpConnection(address)) {
            connection.write(RawHttpConnection.requestWithBody("POST", "/direct?x=1", "hello", "Authorization: Bearer t"));

            RawHttpConnection.Response response = connection.read();

            assertThat(response.status()).isEqualTo(201);
            assertThat(response.text()).isEqualTo("{\"authorization\":\"Bearer t\",\"body\":\"hello\"}");
            assertThat(response.header("Content-Type")).isEqualTo("application/json");
            assertThat(response.header("Content-Length")).isEqualTo(Integer.toString(response.body().length));
            assertThat(response.header("Date")).endsWith(" GMT");
            assertThat(response.header("Connection")).isNull();
            assertThat(response.header("Retry-After")).isNull();
            // kept alive: the same connection serves the next request
            connection.write(RawHttpConnection.requestWithBody("POST", "/direct", "again"));
            assertThat(connection.read().text()).contains("\"body\":\"again\"");
        }
    }

    @Test
    void directAndRelayedRequestsPipelinedOnOneConnectionAreAnsweredInOrder() throws Exception {
        try (RawHttpConnection connection = new RawHttpConnection(address)) {
            connection.write(RawHttpConnection.requestWithBody("POST", "/slow", "first")
                    + RawHttpConnection.request("GET", "/other")
                    + RawHttpConnection.requestWithBody("POST", "/direct", "third")
                    + RawHttpConnection.request("GET", "/socket.io/?EIO=4&transport=polling"));

            assertThat(connection.read().text()).contains("\"body\":\"first\"");
            assertThat(connection.read().text()).isEqualTo("backend");
            assertThat(connection.read().text()).contains("\"body\":\"third\"");
            assertThat(connection.read().text()).startsWith("0{");
        }
    }

    @Test
    void otherMethodsAndPathsAndExpectContinueGoToTheBackend() throws Exception {
        try (RawHttpConnection connection = new RawHttpConnection(address)) {
            connection.write(RawHttpConnection.request("GET", "/direct"));
            assertThat(connection.read().text()).isEqualTo("backend");
            connection.write(RawHttpConnection.request("POST", "/direct/", "Content-Length: 0"));
            assertThat(connection.read().text()).isEqualTo("backend");
            connection.write(RawHttpConnection.request("POST", "/direct", "Expect: 100-continue", "Content-Length: 0"));
            assertThat(connection.read().text()).isEqualTo("backend");
        }
    }

    @Test
    void aChunkedBodyReachesTheRouteWhole() throws Exception {
        try (RawHttpConnection connection = new RawHttpConnection(address)) {
            connection.write("POST /direct HTTP/1.1\r\nHost: relay.test\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n");
            connection.write("6\r\n world\r\n0\r\n\r\n");

            assertThat(connection.read().text()).contains("\"body\":\"hello world\"");
        }
    }

    @Test
    void aBodyOverTheLimitIs413AndNeverReachesTheRoute() throws Exception {
        int asked = ASKED.get();
        String big = "x".repeat(BODY_LIMIT + 1);
        try (RawHttpConnection declared = new RawHttpConnection(address);
             RawHttpConnection streamed = new RawHttpConnection(address)) {
            declared.write(RawHttpConnection.requestWithBody("POST", "/direct", big));
            streamed.write("POST /direct HTTP/1.1\r\nHost: relay.test\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + Integer.toHexString(big.length()) + "\r\n" + big + "\r\n0\r\n\r\n");

            for (RawHttpConnection connection : new RawHttpConnection[] {declared, streamed}) {
                RawHttpConnection.Response response = connection.read();
                assertThat(response.status()).isEqualTo(413);
                assertThat(response.text()).startsWith("{\"error\":\"PAYLOAD_TOO_LARGE\"");
                assertThat(connection.closedByServer()).isTrue();
            }
        }
        assertThat(ASKED.get()).isEqualTo(asked);
    }

    @Test
    void http10AndConnectionCloseAreHonoured() throws Exception {
        try (RawHttpConnection old = new RawHttpConnection(address);
             RawHttpConnection closing = new RawHttpConnection(address)) {
            old.write("POST /direct HTTP/1.0\r\nContent-Length: 3\r\n\r\nold");
            closing.write(RawHttpConnection.requestWithBody("POST", "/direct", "bye", "Connection: close"));

            RawHttpConnection.Response oldAnswer = old.read();
            RawHttpConnection.Response closingAnswer = closing.read();

            assertThat(oldAnswer.status()).isEqualTo(201);
            assertThat(oldAnswer.text()).contains("\"body\":\"old\"");
            assertThat(old.closedByServer()).isTrue();
            assertThat(closingAnswer.header("Connection")).isEqualToIgnoringCase("close");
            assertThat(closing.closedByServer()).isTrue();
        }
        try (RawHttpConnection keptOld = new RawHttpConnection(address)) {
            keptOld.write("POST /direct HTTP/1.0\r\nConnection: keep-alive\r\nContent-Length: 4\r\n\r\nkept");
            RawHttpConnection.Response answer = keptOld.read();
            assertThat(answer.header("Connection")).isEqualToIgnoringCase("keep-alive");
            keptOld.write("POST /direct HTTP/1.0\r\nContent-Length: 5\r\n\r\nagain");
            assertThat(keptOld.read().text()).contains("\"body\":\"again\"");
        }
    }

    @Test
    void aRouteThatFailsIsAnswered500AndTheConnectionGoesOn() throws Exception {
        try (RawHttpConnection connection = new RawHttpConnection(address)) {
            connection.write(RawHttpConnection.requestWithBody("POST", "/broken", "x"));
            RawHttpConnection.Response failed = connection.read();
            connection.write(RawHttpConnection.requestWithBody("POST", "/direct", "after"));

            assertThat(failed.status()).isEqualTo(500);
            assertThat(failed.text()).isEqualTo("{\"error\":\"INTERNAL_ERROR\",\"message\":\"internal error\"}");
            assertThat(connection.read().text()).contains("\"body\":\"after\"");
        }
    }

    @Test
    void aClientThatLeavesBeforeItsAnswerDoesNotDisturbOthers() throws Exception {
        try (RawHttpConnection leaving = new RawHttpConnection(address)) {
            leaving.write(RawHttpConnection.requestWithBody("POST", "/slow", "gone"));
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> BODIES.contains("gone"));
        try (RawHttpConnection staying = new RawHttpConnection(address)) {
            staying.write(RawHttpConnection.requestWithBody("POST", "/direct", "still here"));
            assertThat(staying.read().text()).contains("\"body\":\"still here\"");
        }
    }
}
