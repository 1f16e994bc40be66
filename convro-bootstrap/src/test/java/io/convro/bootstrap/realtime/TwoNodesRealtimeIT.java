package io.convro.bootstrap.realtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.convro.bootstrap.realtime.SocketProbe.TokenIn;
import io.convro.bootstrap.realtime.SocketProbe.Via;
import io.socket.client.Socket;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Two nodes from the shaded jar, each in its own process on its one public port, sharing one MariaDB database,
 * one Redis and one JWT secret: what is done through node A reaches sockets connected to node B.
 */
class TwoNodesRealtimeIT {
    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static TwoNodeCluster cluster;
    private static ServerProcess nodeA;
    private static ServerProcess nodeB;
    private static Conversations throughA;
    private final List<SocketProbe> probes = new ArrayList<>();

    @BeforeAll
    static void startTwoNodes() throws IOException {
        cluster = TwoNodeCluster.start("rt", false);
        nodeA = cluster.a();
        nodeB = cluster.b();
        throughA = new Conversations(new RestClient(nodeA.base()));
    }

    @AfterAll
    static void stop() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
    }

    @AfterEach
    void closeProbes() {
        probes.forEach(SocketProbe::close);
    }

    @ParameterizedTest
    @EnumSource(Via.class)
    void aMessageSentThroughNodeAReachesASocketOnNodeB(Via via) {
        Conversations.Session session = throughA.activeSession();
        SocketProbe bobOnB = connectedToB(via, session.responder().accessToken());

        long messageId = throughA.send(session.initiator(), session.responder(), session.sessionId(), "across-" + via)
                .expect(201).get("messageId").asLong();

        await().atMost(PATIENCE).until(() -> bobOnB.saw("dm:message"));
        JsonNode message = bobOnB.first("dm:message").orElseThrow().json();
        assertThat(message.get("messageId").asLong()).isEqualTo(messageId);
        assertThat(message.get("clientMessageId").asText()).isEqualTo("across-" + via);
        assertThat(message.get("recipientDeviceId").asText()).isEqualTo(session.responder().deviceId());
    }

    @ParameterizedTest
    @EnumSource(Via.class)
    void removingADeviceThroughNodeADisconnectsItsSocketOnNodeB(Via via) {
        Account bobPhone = throughA.register();
        Account bobLaptop = throughA.newDevice(bobPhone);
        SocketProbe laptopOnB = connectedToB(via, bobLaptop.accessToken());
        SocketProbe phoneOnB = connectedToB(via, bobPhone.accessToken());

        throughA.rest().delete("/v1/auth/devices/" + bobLaptop.deviceId(), bobPhone.accessToken()).expect(200);

        await().atMost(PATIENCE).until(() -> laptopOnB.saw(Socket.EVENT_DISCONNECT));
        assertThat(laptopOnB.names()).containsSubsequence("device:revoked", Socket.EVENT_DISCONNECT);
        phoneOnB.socket().emit("ping");
        await().atMost(PATIENCE).until(() -> phoneOnB.saw("pong"));
        assertThat(phoneOnB.names()).doesNotContain("device:revoked", Socket.EVENT_DISCONNECT);
    }

    /**
     * §10 across nodes: every member socket on node B hears a group message posted through node A once (one publish),
     * the sending device's socket on B does not, and a member removed through A stops hearing the group at once on B.
     */
    @ParameterizedTest
    @EnumSource(Via.class)
    void groupMessagesAndMembershipChangesThroughNodeAReachSocketsOnNodeB(Via via) {
        Groups groups = new Groups(throughA.rest());
        Account alicePhone = throughA.register();
        Account aliceLaptop = throughA.newDevice(alicePhone);
        Account bob = throughA.register();
        Account carol = throughA.register();
        SocketProbe alicePhoneOnB = connectedToB(via, alicePhone.accessToken());
        SocketProbe aliceLaptopOnB = connectedToB(via, aliceLaptop.accessToken());
        SocketProbe bobOnB = connectedToB(via, bob.accessToken());
        SocketProbe carolOnB = connectedToB(via, carol.accessToken());

        String groupId = groups.create(alicePhone, "GROUP", List.of(bob.userId())).expect(201).get("groupId").asText();
        await().atMost(PATIENCE).until(() -> bobOnB.saw("group:added") && aliceLaptopOnB.saw("group:added"));

        long first = groups.post(alicePhone, groupId, "g-1-" + via).expect(201).get("messageId").asLong();
        await().atMost(PATIENCE).until(() -> bobOnB.count("group:message") == 1 && aliceLaptopOnB.count("group:message") == 1);
        assertThat(bobOnB.first("group:message").orElseThrow().json().get("messageId").asLong()).isEqualTo(first);
        assertThat(alicePhoneOnB.saw("group:message")).as("the sending device, on the other node").isFalse();

        // carol, added through A, hears the next message on B
        groups.members(alicePhone, groupId, java.util.Map.of("add", List.of(carol.userId()))).expect(200);
        long second = groups.post(bob, groupId, "g-2-" + via).expect(201).get("messageId").asLong();
        await().atMost(PATIENCE).until(() -> carolOnB.count("group:message") == 1 && aliceLaptopOnB.count("group:message") == 2);
        assertThat(carolOnB.first("group:message").orElseThrow().json().get("messageId").asLong()).isEqualTo(second);

        // bob, removed through A, hears nothing more on B
        groups.members(alicePhone, groupId, java.util.Map.of("remove", List.of(bob.userId()))).expect(200);
        await().atMost(PATIENCE).until(() -> bobOnB.saw("group:removed"));
        groups.post(alicePhone, groupId, "g-3-" + via).expect(201);
        await().atMost(PATIENCE).until(() -> carolOnB.count("group:message") == 2 && aliceLaptopOnB.count("group:message") == 3);
        assertThat(bobOnB.count("group:message")).as("a removed member's socket").isEqualTo(1);
    }

    private SocketProbe connectedToB(Via via, String token) {
        SocketProbe probe = SocketProbe.connect(nodeB.base(), via, TokenIn.AUTH, token);
        probes.add(probe);
        await().atMost(PATIENCE).until(() -> probe.saw(Socket.EVENT_CONNECT) || probe.saw(Socket.EVENT_CONNECT_ERROR));
        assertThat(probe.names()).as("connected to node B").startsWith(Socket.EVENT_CONNECT);
        return probe;
    }

}
