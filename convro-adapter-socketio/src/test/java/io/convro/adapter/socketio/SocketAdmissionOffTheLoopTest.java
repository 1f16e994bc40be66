package io.convro.adapter.socketio;

import static io.convro.adapter.socketio.FakeAuthenticateToken.ALICE_TOKEN;
import static io.convro.adapter.socketio.FakeAuthenticateToken.BOB_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.convro.adapter.socketio.SocketProbe.Via;
import io.convro.application.auth.AuthenticateTokenUseCase;
import io.convro.application.shared.Caller;
import io.socket.client.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Socket admission never waits on a netty event loop: a token check that needs the database runs on the bounded
 * admission executor, and what is beyond its bound is refused with {@code SERVICE_UNAVAILABLE} at once.
 * The fake use case knows no token without "the database" ({@code authenticateWithoutWaiting} is empty), and a token
 * {@code slow:<token>} blocks its check until the test opens the gate.
 */
class SocketAdmissionOffTheLoopTest {
    private static final Duration PATIENCE = Duration.ofSeconds(15);
    private final CountDownLatch databaseAnswers = new CountDownLatch(1);
    private final List<SocketProbe> probes = new ArrayList<>();
    private RealtimeServer server;

    @AfterEach
    void stop() {
        databaseAnswers.countDown();
        probes.forEach(SocketProbe::close);
        if (server != null) {
            server.stop();
        }
    }

    @ParameterizedTest
    @EnumSource(Via.class)
    void slowTokenChecksHoldNoEventLoop(Via via) {
        start(new RealtimeServerConfig.Admission(8, 100, Duration.ofSeconds(30)));
        SocketProbe alice = connect(via, ALICE_TOKEN);
        await().atMost(PATIENCE).until(() -> alice.saw(Socket.EVENT_CONNECT));

        // more slow checks than there are event loops: on the loops, these would stop every connection
        int loops = Runtime.getRuntime().availableProcessors();
        List<SocketProbe> slow = new ArrayList<>();
        for (int i = 0; i < 2 * loops + 2; i++) {
            slow.add(connect(via, "slow:" + BOB_TOKEN));
        }
        await().atMost(PATIENCE).until(() -> server.admissionsInFlight() == slow.size());

        alice.socket().emit("ping");
        await("a connected socket is served while the checks wait").atMost(PATIENCE).until(() -> alice.saw("pong"));
        SocketProbe quick = connect(via, ALICE_TOKEN);
        await("a socket whose check is quick gets in meanwhile").atMost(PATIENCE).until(() -> quick.saw(Socket.EVENT_CONNECT));
        assertThat(slow).noneSatisfy(probe -> assertThat(probe.names()).isNotEmpty());

        databaseAnswers.countDown();
        await().atMost(PATIENCE).until(() -> slow.stream().allMatch(probe -> probe.saw(Socket.EVENT_CONNECT)));
    }

    @ParameterizedTest
    @EnumSource(Via.class)
    void aCheckBeyondTheBoundIsRefusedServiceUnavailableWithARetryHint(Via via) {
        start(new RealtimeServerConfig.Admission(1, 1, Duration.ofSeconds(30)));
        SocketProbe running = connect(via, "slow:" + ALICE_TOKEN);
        await().atMost(PATIENCE).until(() -> server.admissionsInFlight() == 1);
        SocketProbe waiting = connect(via, "slow:" + BOB_TOKEN);
        await().atMost(PATIENCE).until(() -> server.admissionsInFlight() == 2);

        SocketProbe refused = connect(via, ALICE_TOKEN);

        await().atMost(PATIENCE).until(() -> refused.saw(Socket.EVENT_CONNECT_ERROR));
        JsonNode error = refused.first(Socket.EVENT_CONNECT_ERROR).orElseThrow().json();
        assertThat(error.get("message").asText()).isEqualTo("SERVICE_UNAVAILABLE");
        assertThat(error.get("data").get("error").asText()).isEqualTo("SERVICE_UNAVAILABLE");
        assertThat(error.get("data").get("retryAfter").asInt()).isPositive();

        databaseAnswers.countDown();
        await().atMost(PATIENCE).until(() -> running.saw(Socket.EVENT_CONNECT) && waiting.saw(Socket.EVENT_CONNECT));
    }

    @Test
    void aCheckThatWaitedLongerThanItsBoundIsRefusedWithoutReadingTheDatabase() {
        start(new RealtimeServerConfig.Admission(1, 10, Duration.ofMillis(200)));
        SocketProbe running = connect(Via.WEBSOCKET, "slow:" + ALICE_TOKEN);
        await().atMost(PATIENCE).until(() -> server.admissionsInFlight() == 1);
        SocketProbe late = connect(Via.WEBSOCKET, BOB_TOKEN);
        await().atMost(PATIENCE).until(() -> server.admissionsInFlight() == 2);
        await().pollDelay(Duration.ofMillis(400)).atMost(PATIENCE).until(() -> true);

        databaseAnswers.countDown();

        await().atMost(PATIENCE).until(() -> running.saw(Socket.EVENT_CONNECT) && late.saw(Socket.EVENT_CONNECT_ERROR));
        assertThat(late.first(Socket.EVENT_CONNECT_ERROR).orElseThrow().json().get("message").asText())
                .isEqualTo("SERVICE_UNAVAILABLE");
    }

    @Test
    void whatAClientSendsWhileItsConnectIsCheckedIsHandledAfterItInOrder() throws Exception {
        start(new RealtimeServerConfig.Admission(1, 10, Duration.ofSeconds(30)));
        List<String> frames = new CopyOnWriteArrayList<>();
        CountDownLatch opened = new CountDownLatch(1);
        WebSocket socket = HttpClient.newHttpClient().newWebSocketBuilder()
                .buildAsync(URI.create("ws://127.0.0.1:" + server.port() + "/socket.io/?EIO=4&transport=websocket"),
                        new WebSocket.Listener() {
                            private final StringBuilder partial = new StringBuilder();

                            @Override
                            public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                                partial.append(data);
                                if (last) {
                                    frames.add(partial.toString());
                                    partial.setLength(0);
                                    opened.countDown();
                                }
                                webSocket.request(1);
                                return null;
                            }
                        }).get(15, TimeUnit.SECONDS);
        try {
            assertThat(opened.await(15, TimeUnit.SECONDS)).isTrue();
            socket.sendText("40{\"token\":\"slow:" + ALICE_TOKEN + "\"}", true).get(5, TimeUnit.SECONDS);
            socket.sendText("42[\"ping\"]", true).get(5, TimeUnit.SECONDS);
            socket.sendText("42[\"ping\"]", true).get(5, TimeUnit.SECONDS);
            await().atMost(PATIENCE).until(() -> server.admissionsInFlight() == 1);
            assertThat(frames).hasSize(1); // only engine.io's OPEN: nothing is answered before the verdict

            databaseAnswers.countDown();

            await().atMost(PATIENCE).until(() -> frames.stream().filter(frame -> frame.startsWith("42[\"pong\"")).count() == 2);
            List<String> socketIo = frames.stream().filter(frame -> frame.startsWith("4")).toList();
            assertThat(socketIo.get(0)).startsWith("40{\"sid\"");
            assertThat(socketIo.subList(1, 3)).allSatisfy(frame -> assertThat(frame).startsWith("42[\"pong\""));
        } finally {
            socket.abort();
        }
    }

    private void start(RealtimeServerConfig.Admission admission) {
        FakeAuthenticateToken tokens = new FakeAuthenticateToken();
        AuthenticateTokenUseCase slowWhenAsked = new AuthenticateTokenUseCase() {
            @Override
            public Caller authenticate(String accessToken) {
                if (accessToken != null && accessToken.startsWith("slow:")) {
                    try {
                        databaseAnswers.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return tokens.authenticate(accessToken.substring("slow:".length()));
                }
                return tokens.authenticate(accessToken);
            }
        };
        server = new RealtimeServer(RealtimeServerConfig.singleNode("127.0.0.1", SocketProbe.freePort()).withAdmission(admission),
                slowWhenAsked);
        server.start();
    }

    private SocketProbe connect(Via via, String token) {
        SocketProbe probe = SocketProbe.connect(server.port(), via, token, null);
        probes.add(probe);
        return probe;
    }
}
