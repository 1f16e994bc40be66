package io.convro.bootstrap.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import io.convro.adapter.persistence.DatabaseSettings;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Health tells the truth: a database that still answers a ping while writes fail is reported down, and the
 * failure is in the log with its cause, in one line.
 */
class H2WriteFailureHealthTest {
    @TempDir
    Path dataDir;

    @Test
    void aWriteThatFailsInTheDatabaseTurnsHealthDegradedAndIsLoggedOnce() throws Exception {
        Logger failures = (Logger) LoggerFactory.getLogger("io.convro.adapter.persistence.DatabaseFailures");
        ListAppender<ILoggingEvent> lines = new ListAppender<>();
        lines.start();
        failures.addAppender(lines);
        try (RunningServer server = RunningServer.start(dataDir, Map.of());
             Connection admin = DriverManager.getConnection(DatabaseSettings.embeddedUrl(dataDir), "sa", "")) {
            RestClient rest = new RestClient(server.base());
            assertThat(rest.get("/health", null).expect(200).path("db").asText()).isEqualTo("up");
            try (Statement statement = admin.createStatement()) {
                statement.execute("ALTER TABLE users RENAME TO users_elsewhere");
            }
            for (int i = 0; i < 3; i++) {
                int status = rest.post("/v1/auth/register", null, Map.of("password", Conversations.PASSWORD)).status();
                assertThat(status).as("a register that cannot be stored").isGreaterThanOrEqualTo(500);
            }
            RestClient.Answer health = rest.get("/health", null);
            assertThat(health.status()).isEqualTo(503);
            JsonNode body = health.body();
            assertThat(body.path("status").asText()).isEqualTo("degraded");
            assertThat(body.path("db").asText()).isEqualTo("down");
            assertThat(lines.list).as("one line for three failures").hasSize(1);
            assertThat(lines.list.get(0).getFormattedMessage()).contains("the database failed a request").contains("42S02")
                    .doesNotContain("\n");
        } finally {
            failures.detachAppender(lines);
        }
    }
}
