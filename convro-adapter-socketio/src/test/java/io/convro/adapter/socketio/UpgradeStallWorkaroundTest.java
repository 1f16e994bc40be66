package io.convro.adapter.socketio;

import static io.convro.adapter.socketio.FakeAuthenticateToken.ALICE_PHONE;
import static io.convro.adapter.socketio.FakeAuthenticateToken.ALICE_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.convro.adapter.socketio.SocketProbe.Via;
import io.socket.client.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The engine.io v4 upgrade as the protocol words it ("the server MUST send a noop packet to any pending GET request")
 * when a client polls again after netty-socketio's one noop, the race that stalled default-transport clients; and
 * many Java clients on their default transports (polling, then websocket) connecting at once.
 */
class UpgradeStallWorkaroundTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Far longer than the workaround's 100 ms tick, far shorter than netty-socketio's 10 s upgrade timeout. */
    private static final Duration ANSWER = Duration.ofSeconds(5);
    private static RealtimeServer server;
    private static String base;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(ANSWER).build();

    @BeforeAll
    static void start() {
        server = new RealtimeServer(RealtimeServerConfig.singleNode("127.0.0.1", SocketProbe.freePort()),
                new FakeAuthenticateToken());
        server.start();
        base = "127.0.0.1:" + server.port() + "/socket.io/?EIO=4";
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    @Test
    void aPollMadeAfterTheProbeNoopIsAnsweredWithAnotherNoopSoTheClientCanPauseAndUpgrade() throws Exception {
        String sid = JSON.readTree(poll(null).substring(1)).get("sid").asText();
        post(sid, "40{\"token\":\"" + ALICE_TOKEN + "\"}");
        assertThat(poll(sid)).startsWith("40{\"sid\"");
        LinkedBlockingQueue<String> frames = new LinkedBlockingQueue<>();
        WebSocket websocket = http.newWebSocketBuilder()
                .buildAsync(URI.create("ws://" + base + "&transport=websocket&sid=" + sid), new Collect(frames))
                .get(ANSWER.toSeconds(), TimeUnit.SECONDS);
        CompletableFuture<String> pendingDuringProbe = pollAsync(sid);

        websocket.sendText("2probe", true).get(ANSWER.toSeconds(), TimeUnit.SECONDS);

        assertThat(frames.poll(ANSWER.toSeconds(), TimeUnit.SECONDS)).isEqualTo("3probe");
        assertThat(pendingDuringProbe.get(ANSWER.toSeconds(), TimeUnit.SECONDS)).isEqualTo("6");
        // the client saw that noop before 3probe, so it polled again instead of pausing: without another noop this
        // poll hangs, and with it the upgrade, until netty-socketio's upgrade timeout drops the session
        assertThat(pollAsync(sid).get(ANSWER.toSeconds(), TimeUnit.SECONDS)).isEqualTo("6");

        websocket.sendText("5", true).get(ANSWER.toSeconds(), TimeUnit.SECONDS);
        websocket.sendText("42[\"ping\"]", true).get(ANSWER.toSeconds(), TimeUnit.SECONDS);
        String pong = frames.poll(ANSWER.toSeconds(), TimeUnit.SECONDS);
        while ("6".equals(pong)) {
            pong = frames.poll(ANSWER.toSeconds(), TimeUnit.SECONDS);
        }
        assertThat(pong).startsWith("42[\"pong\",");
        websocket.sendClose(WebSocket.NORMAL_CLOSURE, "").get(ANSWER.toSeconds(), TimeUnit.SECONDS);
    }

    @Test
    void javaClientsOnTheirDefaultTransportsConnectingTogetherAllUpgradeGetPongAndEvents() {
        List<SocketProbe> probes = new ArrayList<>();
        try {
            for (int i = 0; i < 40; i++) {
                probes.add(SocketProbe.connect(server.port(), Via.DEFAULT, ALICE_TOKEN, null));
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> probes.stream().allMatch(probe -> probe.saw(Socket.EVENT_CONNECT)));
            probes.forEach(probe -> probe.socket().emit("ping"));
            await().atMost(Duration.ofSeconds(30)).until(() -> probes.stream().allMatch(probe -> probe.saw("pong")));
            await().atMost(Duration.ofSeconds(30)).until(() -> probes.stream().allMatch(probe -> "websocket".equals(probe.transport())));

            server.publisher().publish(ALICE_PHONE.deviceId(), SampleEvents.messageToAlice());

            await().atMost(Duration.ofSeconds(30)).until(() -> probes.stream().allMatch(probe -> probe.saw("dm:message")));
            assertThat(probes).allSatisfy(probe -> assertThat(probe.names()).doesNotContain(Socket.EVENT_DISCONNECT));
        } finally {
            probes.forEach(SocketProbe::close);
        }
    }

    private String poll(String sid) throws Exception {
        return pollAsync(sid).get(ANSWER.toSeconds(), TimeUnit.SECONDS);
    }

    private CompletableFuture<String> pollAsync(String sid) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://" + base + "&transport=polling"
                + (sid == null ? "" : "&sid=" + sid))).GET().build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).thenApply(HttpResponse::body);
    }

    private void post(String sid, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://" + base + "&transport=polling&sid=" + sid))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        assertThat(http.send(request, HttpResponse.BodyHandlers.ofString()).body()).isEqualTo("ok");
    }

    /** Every text frame, whole, in arrival order. */
    private record Collect(LinkedBlockingQueue<String> frames) implements WebSocket.Listener {
        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            frames.add(data.toString());
            webSocket.request(1);
            return null;
        }
    }
}
