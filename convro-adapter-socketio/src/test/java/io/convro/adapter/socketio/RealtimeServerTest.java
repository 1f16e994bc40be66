package io.convro.adapter.socketio;

import static io.convro.adapter.socketio.FakeAuthenticateToken.ALICE_PHONE;
import static io.convro.adapter.socketio.FakeAuthenticateToken.ALICE_TOKEN;
import static io.convro.adapter.socketio.FakeAuthenticateToken.BOB_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.convro.adapter.socketio.SocketProbe.Via;
import io.socket.client.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The Socket.IO contract of API.md §7 over real sockets, with the Java {@code socket.io-client} 2.x. */
class RealtimeServerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration PATIENCE = Duration.ofSeconds(15);
    private static RealtimeServer server;
    private final List<SocketProbe> probes = new ArrayList<>();

    @BeforeAll
    static void start() {
        server = new RealtimeServer(RealtimeServerConfig.singleNode("127.0.0.1", SocketProbe.freePort()),
                new FakeAuthenticateToken());
        server.start();
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    @AfterEach
    void closeProbes() {
        probes.forEach(SocketProbe::close);
    }

    @ParameterizedTest
    @EnumSource(Via.class)
    void tokenInTheAuthPayloadConnectsAndPingGetsPong(Via via) {
        SocketProbe alice = connect(via, ALICE_TOKEN, null);
        await().atMost(PATIENCE).until(() -> alice.saw(Socket.EVENT_CONNECT));

        alice.socket().emit("ping");

        await().atMost(PATIENCE).until(() -> alice.saw("pong"));
        assertThat(alice.first("pong").orElseThrow().json().get("ts").asText())
                .matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z");
    }

    @ParameterizedTest
    @EnumSource(Via.class)
    void tokenInTheQueryConnectsAndPingGetsPong(Via via) {
        SocketProbe alice = connect(via, null, ALICE_TOKEN);
        await().atMost(PATIENCE).until(() -> alice.saw(Socket.EVENT_CONNECT));

        alice.socket().emit("ping");

        await().atMost(PATIENCE).until(() -> alice.saw("pong"));
    }

    @ParameterizedTest
    @EnumSource(Via.class)
    void anEventPublishedTheMomentTheClientSeesConnectReachesIt(Via via) throws Exception {
        SocketProbe alice = SocketProbe.connect(server.port(), via, ALICE_TOKEN, null);
        probes.add(alice);
        alice.socket().once(Socket.EVENT_CONNECT,
                args -> server.publisher().publish(ALICE_PHONE.deviceId(), SampleEvents.messageToAlice()));

        await().atMost(PATIENCE).until(() -> alice.saw("dm:message"));
        assertThat(alice.first("dm:message").orElseThrow().json())
                .isEqualTo(JSON.readTree(SampleEvents.MESSAGE_TO_ALICE_JSON));
    }

    @ParameterizedTest
    @EnumSource(Via.class)
    void eventsGoOnlyToTheSocketsOfTheNamedDevice(Via via) {
        SocketProbe alice = connect(via, ALICE_TOKEN, null);
        SocketProbe bob = connect(via, BOB_TOKEN, null);
        await().atMost(PATIENCE).until(() -> alice.saw(Socket.EVENT_CONNECT) && bob.saw(Socket.EVENT_CONNECT));

        server.publisher().publish(ALICE_PHONE.deviceId(), SampleEvents.messageToAlice());
        server.publisher().publish(FakeAuthenticateToken.BOB_LAPTOP.deviceId(),
                new io.convro.application.realtime.RealtimeEvent.PrekeysLow(2));

        await().atMost(PATIENCE).until(() -> alice.saw("dm:message") && bob.saw("prekeys:low"));
        assertThat(bob.names()).doesNotContain("dm:message");
        assertThat(alice.names()).doesNotContain("prekeys:low");
    }

    @ParameterizedTest
    @EnumSource(Via.class)
    void eventsPublishedBackToBackAllArriveEvenWhenPollingBatchesThem(Via via) {
        SocketProbe alice = connect(via, ALICE_TOKEN, null);
        await().atMost(PATIENCE).until(() -> alice.saw(Socket.EVENT_CONNECT));

        server.publisher().publish(ALICE_PHONE.deviceId(), SampleEvents.messageToAlice());
        server.publisher().publish(ALICE_PHONE.deviceId(), new io.convro.application.realtime.RealtimeEvent.PrekeysLow(1));
        server.publisher().publish(ALICE_PHONE.deviceId(), new io.convro.application.realtime.RealtimeEvent.PrekeysLow(0));

        await().atMost(PATIENCE).until(() -> alice.names().stream().filter("prekeys:low"::equals).count() == 2);
        assertThat(alice.names()).containsExactly(Socket.EVENT_CONNECT, "dm:message", "prekeys:low", "prekeys:low");
    }

    @ParameterizedTest
    @EnumSource(Via.class)
    void badExpiredAndRevokedTokensGetConnectErrorWithTheirCode(Via via) {
        SocketProbe bad = connect(via, "not-a-token", null);
        SocketProbe expired = connect(via, null, FakeAuthenticateToken.EXPIRED_TOKEN);
        SocketProbe revoked = connect(via, FakeAuthenticateToken.REVOKED_TOKEN, null);

        await().atMost(PATIENCE).until(() -> bad.saw(Socket.EVENT_CONNECT_ERROR)
                && expired.saw(Socket.EVENT_CONNECT_ERROR) && revoked.saw(Socket.EVENT_CONNECT_ERROR));
        assertThat(errorCode(bad)).isEqualTo("UNAUTHORIZED");
        assertThat(errorCode(expired)).isEqualTo("TOKEN_EXPIRED");
        assertThat(errorCode(revoked)).isEqualTo("TOKEN_REVOKED");
        assertThat(List.of(bad, expired, revoked)).allSatisfy(probe -> assertThat(probe.names()).doesNotContain(Socket.EVENT_CONNECT));
    }

    @ParameterizedTest
    @EnumSource(Via.class)
    void aSocketWithoutAnyTokenIsRefusedNotLetIn(Via via) {
        SocketProbe nobody = connect(via, null, null);

        await().atMost(PATIENCE).until(() -> nobody.saw(Socket.EVENT_CONNECT_ERROR));
        assertThat(errorCode(nobody)).isEqualTo("UNAUTHORIZED");
        assertThat(nobody.names()).doesNotContain(Socket.EVENT_CONNECT);
    }

    @ParameterizedTest
    @EnumSource(Via.class)
    void theAuthPayloadDecidesEvenWhenTheQueryHoldsAGoodTokenAndARefusedSocketJoinsNoRoom(Via via) {
        SocketProbe intruder = connect(via, FakeAuthenticateToken.REVOKED_TOKEN, ALICE_TOKEN);
        await().atMost(PATIENCE).until(() -> intruder.saw(Socket.EVENT_CONNECT_ERROR));
        SocketProbe alice = connect(via, ALICE_TOKEN, null);
        await().atMost(PATIENCE).until(() -> alice.saw(Socket.EVENT_CONNECT));

        server.publisher().publish(ALICE_PHONE.deviceId(), SampleEvents.messageToAlice());

        await().atMost(PATIENCE).until(() -> alice.saw("dm:message"));
        assertThat(intruder.names()).containsExactly(Socket.EVENT_CONNECT_ERROR);
    }

    @ParameterizedTest
    @EnumSource(Via.class)
    void disconnectingADeviceSendsDeviceRevokedThenClosesItsSockets(Via via) {
        SocketProbe alice = connect(via, ALICE_TOKEN, null);
        SocketProbe bob = connect(via, BOB_TOKEN, null);
        await().atMost(PATIENCE).until(() -> alice.saw(Socket.EVENT_CONNECT) && bob.saw(Socket.EVENT_CONNECT));

        server.publisher().disconnect(ALICE_PHONE.deviceId());

        await().atMost(PATIENCE).until(() -> alice.saw(Socket.EVENT_DISCONNECT));
        assertThat(alice.names()).containsExactly(Socket.EVENT_CONNECT, "device:revoked", Socket.EVENT_DISCONNECT);
        assertThat(alice.first("device:revoked").orElseThrow().json().get("deviceId").asText())
                .isEqualTo(ALICE_PHONE.deviceId().value());
        assertThat(alice.first(Socket.EVENT_DISCONNECT).orElseThrow().payload()).isEqualTo("io server disconnect");

        bob.socket().emit("ping");
        await().atMost(PATIENCE).until(() -> bob.saw("pong"));
        assertThat(bob.names()).doesNotContain("device:revoked", Socket.EVENT_DISCONNECT);
    }

    private SocketProbe connect(Via via, String authToken, String queryToken) {
        SocketProbe probe = SocketProbe.connect(server.port(), via, authToken, queryToken);
        probes.add(probe);
        return probe;
    }

    private static String errorCode(SocketProbe probe) {
        // the Java client hands over the CONNECT_ERROR data: {"message":CODE,"data":{"error":CODE,"message":…}}
        var error = probe.first(Socket.EVENT_CONNECT_ERROR).orElseThrow().json();
        assertThat(error.get("data").get("error").asText()).isEqualTo(error.get("message").asText());
        return error.get("message").asText();
    }
}
