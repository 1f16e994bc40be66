package io.convro.bootstrap.realtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.convro.bootstrap.realtime.SocketProbe.TokenIn;
import io.convro.bootstrap.realtime.SocketProbe.Via;
import io.socket.client.Socket;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code docs/nginx/convro-two-port.conf} in front of two nodes in two-port mode (CONVRO_SOCKETIO_PORT) on one
 * MariaDB database and one Redis: REST and Socket.IO (websocket and polling) both work through nginx alone.
 */
class NginxTwoPortIT {
    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static TwoNodeCluster cluster;
    private static ServerProcess nodeA;
    private static ServerProcess nodeB;
    private static NginxProcess nginx;
    private static Conversations throughNginx;
    private final List<SocketProbe> probes = new ArrayList<>();

    @BeforeAll
    static void start() throws IOException {
        Path binary = TestServices.executable("nginx (apt-get install -y nginx)", "/usr/sbin/nginx");
        cluster = TwoNodeCluster.start("nginx", true);
        nodeA = cluster.a();
        nodeB = cluster.b();
        assertThat(nodeA.socketIoPort()).isNotEqualTo(nodeA.port());
        nginx = NginxProcess.start(binary, Map.of(
                "10.0.0.11:9092", "127.0.0.1:" + nodeA.socketIoPort(),
                "10.0.0.12:9092", "127.0.0.1:" + nodeB.socketIoPort(),
                "10.0.0.11:8080", "127.0.0.1:" + nodeA.port(),
                "10.0.0.12:8080", "127.0.0.1:" + nodeB.port()));
        throughNginx = new Conversations(new RestClient(nginx.base()));
    }

    @AfterAll
    static void stop() {
        for (AutoCloseable resource : new AutoCloseable[] {nginx, cluster}) {
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

    @Test
    void restWorksThroughNginxAndSocketIoIsNotServedOnTheRestPorts() {
        JsonNode health = throughNginx.rest().get("/health", null).expect(200);
        assertThat(health.get("db").asText()).isEqualTo("up");
        Account alice = throughNginx.register();
        JsonNode me = throughNginx.rest().get("/v1/auth/me", alice.accessToken()).expect(200);
        assertThat(me.get("deviceId").asText()).isEqualTo(alice.deviceId());
        // in two-port mode the REST port has no Socket.IO: it is nginx that routes /socket.io/
        assertThat(new RestClient(nodeA.base()).get("/socket.io/?EIO=4&transport=polling", null).status()).isEqualTo(404);
    }

    @ParameterizedTest
    @EnumSource(Via.class)
    void aSocketThroughNginxReceivesAMessageSentThroughNginx(Via via) {
        Conversations.Session session = throughNginx.activeSession();
        SocketProbe bob = SocketProbe.connect(nginx.base(), via, TokenIn.AUTH, session.responder().accessToken());
        probes.add(bob);
        await().atMost(PATIENCE).until(() -> bob.saw(Socket.EVENT_CONNECT) || bob.saw(Socket.EVENT_CONNECT_ERROR));
        assertThat(bob.names()).startsWith(Socket.EVENT_CONNECT);

        long messageId = throughNginx.send(session.initiator(), session.responder(), session.sessionId(), "nginx-" + via)
                .expect(201).get("messageId").asLong();

        await().atMost(PATIENCE).until(() -> bob.saw("dm:message"));
        JsonNode message = bob.first("dm:message").orElseThrow().json();
        assertThat(message.get("messageId").asLong()).isEqualTo(messageId);
        assertThat(message.get("clientMessageId").asText()).isEqualTo("nginx-" + via);
        bob.socket().emit("ping");
        await().atMost(PATIENCE).until(() -> bob.saw("pong"));
    }

}
