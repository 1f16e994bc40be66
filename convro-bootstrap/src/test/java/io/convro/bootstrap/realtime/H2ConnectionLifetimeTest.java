package io.convro.bootstrap.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.convro.adapter.persistence.DatabaseSettings;
import io.convro.bootstrap.testsupport.H2Sessions;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
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

            // every connection open now, the one that ran the migrations among them, retired by the pool
            H2Sessions.awaitAllReplaced(observer, LIFETIME.multipliedBy(2));

            everyKindOfWriteSucceeds(conversations, "after");
            assertThat(conversations.rest().get("/health", null).expect(200).path("db").asText()).isEqualTo("up");
        }
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
