package io.convro.bootstrap.realtime;

import io.convro.bootstrap.testsupport.ScratchDatabase;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.convro.bootstrap.realtime.SocketProbe.TokenIn;
import io.convro.bootstrap.realtime.SocketProbe.Via;
import io.socket.client.Socket;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
    private static ScratchDatabase database;
    private static ServerProcess nodeA;
    private static ServerProcess nodeB;
    private static Conversations throughA;
    private final List<SocketProbe> probes = new ArrayList<>();

    @BeforeAll
    static void startTwoNodes() throws IOException {
        String mysql = TestServices.mysqlUrl();
        String redis = TestServices.redisUrl();
        database = ScratchDatabase.create(mysql, "rt");
        Map<String, String> shared = Map.of("CONVRO_DB_URL", database.url(), "CONVRO_REDIS_URL", redis,
                "CONVRO_JWT_SECRET", RunningServer.JWT_SECRET,
                // the Redis budget outlives this run: a limit here would leak into the next suite on the same Redis
                "CONVRO_AUTH_RATE_LIMIT", "0");
        // one after the other: the first node runs the migrations
        nodeA = ServerProcess.start("two-nodes-a", withDataDir(shared, "a"), false);
        nodeB = ServerProcess.start("two-nodes-b", withDataDir(shared, "b"), false);
        throughA = new Conversations(new RestClient(nodeA.base()));
    }

    @AfterAll
    static void stop() {
        for (AutoCloseable resource : new AutoCloseable[] {nodeA, nodeB, database}) {
            try {
                if (resource != null) {
                    resource.close();
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
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

    private SocketProbe connectedToB(Via via, String token) {
        SocketProbe probe = SocketProbe.connect(nodeB.base(), via, TokenIn.AUTH, token);
        probes.add(probe);
        await().atMost(PATIENCE).until(() -> probe.saw(Socket.EVENT_CONNECT) || probe.saw(Socket.EVENT_CONNECT_ERROR));
        assertThat(probe.names()).as("connected to node B").startsWith(Socket.EVENT_CONNECT);
        return probe;
    }

    private static Map<String, String> withDataDir(Map<String, String> shared, String node) throws IOException {
        Map<String, String> env = new java.util.HashMap<>(shared);
        env.put("CONVRO_DATA_DIR", Files.createDirectories(Path.of("target", "it-data", node)).toString());
        return env;
    }
}
