package io.convro.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariDataSource;
import io.convro.contract.RepositoryContract;
import io.convro.contract.RepositoryStores;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Collections;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;

/**
 * The repository contract on the embedded default as it runs: an H2 file database (every write waits for the
 * file), with HikariCP's shortest connection lifetime, and every connection of the start, the one the schema was
 * created on among them, already retired before the first test.
 */
class H2FileRepositoryContractTest extends RepositoryContract {
    private Database database;
    private RepositoryStores stores;
    private Path dataDir;

    @Override
    protected RepositoryStores stores() {
        if (stores == null) {
            try {
                dataDir = Files.createTempDirectory("convro-h2-contract");
                database = Database.connect(DatabaseSettings.embedded(dataDir).withPoolSize(40)
                        .withConnectionLifetime(Duration.ofSeconds(30), Duration.ofSeconds(10)));
                database.migrate();
                retireEveryConnection();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
            stores = JdbiStores.of(database);
        }
        return stores;
    }

    /** What the pool does when the lifetime ends, done now. */
    private void retireEveryConnection() throws SQLException {
        try (Connection observer = DriverManager.getConnection(DatabaseSettings.embeddedUrl(dataDir), "sa", "")) {
            Set<Long> first = sessionsOtherThan(observer);
            assertThat(first).isNotEmpty();
            ((HikariDataSource) database.dataSource()).getHikariPoolMXBean().softEvictConnections();
            await().atMost(Duration.ofSeconds(30)).until(() -> Collections.disjoint(sessionsOtherThan(observer), first));
        }
    }

    private static Set<Long> sessionsOtherThan(Connection observer) throws SQLException {
        Set<Long> ids = new HashSet<>();
        try (Statement statement = observer.createStatement();
             ResultSet rows = statement.executeQuery("SELECT session_id FROM information_schema.sessions WHERE session_id <> SESSION_ID()")) {
            while (rows.next()) {
                ids.add(rows.getLong(1));
            }
        }
        return ids;
    }

    @AfterAll
    void closeDatabase() throws IOException {
        if (database != null) {
            database.close();
        }
        if (dataDir != null) {
            try (var files = Files.walk(dataDir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }
}
