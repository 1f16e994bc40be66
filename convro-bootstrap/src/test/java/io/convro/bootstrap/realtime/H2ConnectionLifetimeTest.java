package io.convro.bootstrap.realtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.convro.adapter.persistence.DatabaseSettings;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Collections;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded default on a fresh data folder, with the pool retiring its connections after HikariCP's shortest
 * lifetime. H2 2.4.240 bound each {@code CHECK (x IN (…))} to the session that created it: once the pool had closed
 * the connection Flyway created the schema on, every write to a table with such a check failed ("The database has
 * been closed"), and the server answered 503 to every register, login, open, send and receipt until restarted.
 * The data folder must be new: after a restart the schema is read from the file and the defect does not show.
 */
class H2ConnectionLifetimeTest {
    /** HikariCP's least maximum lifetime; it retires a connection up to 2.5 % of it early. */
    private static final Duration LIFETIME = Duration.ofSeconds(30);

    @TempDir
    Path dataDir;

    @Test
    void writesStillSucceedAfterThePoolHasReplacedEveryConnectionOfTheFirstStart() throws SQLException {
        try (RunningServer server = RunningServer.start(dataDir, Map.of(
                "CONVRO_DB_POOL_MAX_LIFETIME", Long.toString(LIFETIME.toSeconds()),
                "CONVRO_DB_POOL_IDLE_TIMEOUT", "10"));
             Connection observer = DriverManager.getConnection(DatabaseSettings.embeddedUrl(dataDir), "sa", "")) {
            Conversations conversations = new Conversations(new RestClient(server.base()));
            everyKindOfWriteSucceeds(conversations, "before");

            // the server's sessions of the first minute, the one that ran the migrations among them
            Set<Long> firstSessions = serverSessions(observer);
            assertThat(firstSessions).isNotEmpty();
            await().atMost(LIFETIME.multipliedBy(2)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> Collections.disjoint(serverSessions(observer), firstSessions));

            everyKindOfWriteSucceeds(conversations, "after");
            assertThat(conversations.rest().get("/health", null).expect(200).path("db").asText()).isEqualTo("up");
        }
    }

    /** The H2 sessions open on the database other than the observer's own. */
    private static Set<Long> serverSessions(Connection observer) throws SQLException {
        Set<Long> ids = new HashSet<>();
        try (Statement statement = observer.createStatement();
             ResultSet rows = statement.executeQuery("SELECT session_id FROM information_schema.sessions WHERE session_id <> SESSION_ID()")) {
            while (rows.next()) {
                ids.add(rows.getLong(1));
            }
        }
        return ids;
    }

    /** users, devices, refresh tokens, prekeys, sessions and their members, messages and receipts. */
    private static void everyKindOfWriteSucceeds(Conversations conversations, String round) {
        Conversations.Session session = conversations.activeSession();
        Account alice = session.initiator();
        Account bob = session.responder();
        conversations.newDevice(bob);
        RestClient.Answer sent = conversations.send(alice, bob, session.sessionId(), round + "-1");
        assertThat(sent.status()).as("send %s the pool's lifetime", round).isEqualTo(201);
        JsonNode message = sent.body();
        conversations.receipt(bob, message.get("messageId").asLong(), "DELIVERED");
        conversations.receipt(bob, message.get("messageId").asLong(), "READ");
        JsonNode refreshed = conversations.rest().post("/v1/auth/refresh", null, Map.of("refreshToken", alice.refreshToken()))
                .expect(200);
        assertThat(refreshed.get("refreshToken").asText()).isNotEqualTo(alice.refreshToken());
    }
}
