package io.convro.adapter.socketio;

import static io.convro.adapter.socketio.FakeAuthenticateToken.ALICE_PHONE;
import static io.convro.adapter.socketio.FakeAuthenticateToken.ALICE_TOKEN;
import static io.convro.adapter.socketio.FakeAuthenticateToken.BOB_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.convro.adapter.socketio.SocketProbe.Via;
import io.socket.client.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Two nodes sharing one Redis: rooms and device disconnects reach sockets connected to the other node. */
class RedisRealtimeIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration PATIENCE = Duration.ofSeconds(20);
    private static RealtimeServer nodeA;
    private static RealtimeServer nodeB;
    private final List<SocketProbe> probes = new ArrayList<>();

    @BeforeAll
    static void startTwoNodes() {
        URI redis = TestServices.redisUrl();
        nodeA = new RealtimeServer(RealtimeServerConfig.singleNode("127.0.0.1", SocketProbe.freePort()).withRedis(redis),
                new FakeAuthenticateToken());
        nodeB = new RealtimeServer(RealtimeServerConfig.singleNode("127.0.0.1", SocketProbe.freePort()).withRedis(redis),
                new FakeAuthenticateToken());
        nodeA.start();
        nodeB.start();
    }

    @AfterAll
    static void stopNodes() {
        if (nodeA != null) {
            nodeA.stop();
        }
        if (nodeB != null) {
            nodeB.stop();
        }
    }

    @AfterEach
    void closeProbes() {
        probes.forEach(SocketProbe::close);
    }

    @ParameterizedTest
    @EnumSource(Via.class)
    void anEventPublishedOnOneNodeReachesTheDeviceOnTheOther(Via via) throws Exception {
        SocketProbe aliceOnB = connect(nodeB, via, ALICE_TOKEN);
        await().atMost(PATIENCE).until(() -> aliceOnB.saw(Socket.EVENT_CONNECT));

        nodeA.publisher().publish(ALICE_PHONE.deviceId(), SampleEvents.messageToAlice());

        await().atMost(PATIENCE).until(() -> aliceOnB.saw("dm:message"));
        assertThat(aliceOnB.first("dm:message").orElseThrow().json())
                .isEqualTo(JSON.readTree(SampleEvents.MESSAGE_TO_ALICE_JSON));
    }

    @ParameterizedTest
    @EnumSource(Via.class)
    void disconnectingADeviceOnOneNodeClosesItsSocketsOnBothNodes(Via via) {
        SocketProbe aliceOnA = connect(nodeA, via, ALICE_TOKEN);
        SocketProbe aliceOnB = connect(nodeB, via, ALICE_TOKEN);
        SocketProbe bobOnB = connect(nodeB, via, BOB_TOKEN);
        await().atMost(PATIENCE).until(() -> aliceOnA.saw(Socket.EVENT_CONNECT) && aliceOnB.saw(Socket.EVENT_CONNECT)
                && bobOnB.saw(Socket.EVENT_CONNECT));

        nodeA.publisher().disconnect(ALICE_PHONE.deviceId());

        await().atMost(PATIENCE).until(() -> aliceOnA.saw(Socket.EVENT_DISCONNECT) && aliceOnB.saw(Socket.EVENT_DISCONNECT));
        assertThat(List.of(aliceOnA, aliceOnB)).allSatisfy(alice -> assertThat(alice.names())
                .containsExactly(Socket.EVENT_CONNECT, "device:revoked", Socket.EVENT_DISCONNECT));
        bobOnB.socket().emit("ping");
        await().atMost(PATIENCE).until(() -> bobOnB.saw("pong"));
        assertThat(bobOnB.names()).doesNotContain("device:revoked", Socket.EVENT_DISCONNECT);
    }

    private SocketProbe connect(RealtimeServer node, Via via, String token) {
        SocketProbe probe = SocketProbe.connect(node.port(), via, token, null);
        probes.add(probe);
        return probe;
    }
}
