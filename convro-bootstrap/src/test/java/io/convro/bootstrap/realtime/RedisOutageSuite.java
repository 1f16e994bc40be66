package io.convro.bootstrap.realtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.convro.bootstrap.realtime.SocketProbe.TokenIn;
import io.convro.bootstrap.realtime.SocketProbe.Via;
import io.socket.client.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Redis goes away under a node configured with it (a private redis-server, killed): realtime is a wake-up and the
 * database is the record, so what is stored is answered as stored. A send answers 201 and the message is in
 * history, a session opens, a logout revokes; sockets on this node still get their events. Through the public
 * port; subclasses choose the database.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class RedisOutageSuite {
    private static final Duration PATIENCE = Duration.ofSeconds(20);

    private PrivateRedis redis;
    private RunningServer server;
    private Conversations conversations;
    private Path dataDir;
    private final List<SocketProbe> probes = new ArrayList<>();

    /** What the server needs for its database (nothing for the embedded default). */
    protected abstract Map<String, String> database() throws Exception;

    protected abstract void cleanUp() throws Exception;

    @BeforeAll
    void startRedisAndServer() throws Exception {
        redis = PrivateRedis.start();
        dataDir = Files.createTempDirectory("convro-redis-outage");
        Map<String, String> env = new HashMap<>(database());
        env.put("CONVRO_REDIS_URL", redis.url());
        server = RunningServer.start(dataDir, env);
        conversations = new Conversations(new RestClient(server.base()));
    }

    @AfterAll
    void stop() throws Exception {
        try {
            probes.forEach(SocketProbe::close);
            if (server != null) {
                server.close();
            }
            if (redis != null) {
                redis.close();
            }
        } finally {
            cleanUp();
            if (dataDir != null) {
                try (Stream<Path> files = Files.walk(dataDir)) {
                    files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
                }
            }
        }
    }

    @Test
    void whatIsStoredIsAnsweredAsStoredWhileRedisIsDown() throws Exception {
        Conversations.Session session = conversations.activeSession();
        SocketProbe bob = connected(session.responder().accessToken());
        conversations.send(session.initiator(), session.responder(), session.sessionId(), "before").expect(201);
        await().atMost(PATIENCE).until(() -> bob.count("dm:message") == 1);

        redis.close();
        assertThat(redis.answersPing()).as("the private Redis is gone").isFalse();

        JsonNode sent = conversations.send(session.initiator(), session.responder(), session.sessionId(), "during")
                .expect(201);
        assertThat(sent.get("deliveryState").asText()).isEqualTo("PENDING");
        await("a socket on this node still gets the event").atMost(PATIENCE).until(() -> bob.count("dm:message") == 2);
        JsonNode history = conversations.rest().get("/v1/dm/messages/history?sessionId=" + session.sessionId(),
                session.responder().accessToken()).expect(200);
        assertThat(history.get("messages").findValuesAsText("clientMessageId")).containsExactly("during", "before");
        assertThat(conversations.send(session.initiator(), session.responder(), session.sessionId(), "during").status())
                .as("a repeat is still recognised").isEqualTo(200);

        Account carol = conversations.register();
        conversations.uploadPrekeys(carol);
        JsonNode opened = conversations.open(session.initiator(), carol);
        assertThat(opened.get("state").asText()).isEqualTo("PENDING");

        conversations.rest().post("/v1/auth/logout", session.responder().accessToken(),
                Map.of("allForDevice", true)).expect(200);
        await("revoked on this node at once").atMost(PATIENCE).until(() -> bob.saw("device:revoked"));
        conversations.rest().get("/v1/auth/me", session.responder().accessToken()).expect(401);
    }

    private SocketProbe connected(String token) {
        SocketProbe probe = SocketProbe.connect(server.base(), Via.WEBSOCKET, TokenIn.AUTH, token);
        probes.add(probe);
        await().atMost(PATIENCE).until(() -> probe.saw(Socket.EVENT_CONNECT));
        return probe;
    }
}
