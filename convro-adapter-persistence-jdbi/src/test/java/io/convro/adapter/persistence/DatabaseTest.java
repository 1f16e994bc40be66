package io.convro.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.convro.domain.user.ConvroNumber;
import io.convro.domain.user.User;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatabaseTest {
    @TempDir
    Path dataDir;

    @Test
    void theEmbeddedFileDatabaseKeepsDataAndItsNumberKeyAcrossRestarts() {
        byte[] key;
        try (Database first = Database.connect(DatabaseSettings.embedded(dataDir))) {
            assertThat(first.migrate().migrationsExecuted).isEqualTo(6);
            first.repositories().users().insert(new User(null, ConvroNumber.parse("+99000042"), null, null, "$argon2id$x",
                    Instant.parse("2026-11-25T14:10:54.120Z")));
            key = first.repositories().numberSequence().permutationKey();
        }
        try (Database second = Database.connect(DatabaseSettings.embedded(dataDir))) {
            assertThat(second.migrate().migrationsExecuted).isZero();
            assertThat(second.repositories().users().findByConvroNumber(ConvroNumber.parse("+99000042"))).isPresent();
            assertThat(second.repositories().numberSequence().permutationKey()).isEqualTo(key);
        }
    }

    @Test
    void theDescriptionNamesProductAndMajorMinorVersionOnly() {
        assertThat(Database.describe("MySQL", "5.5.5-10.11.11-MariaDB-0+deb12u1")).isEqualTo("MariaDB 10.11");
        assertThat(Database.describe("MariaDB", "11.4.2-MariaDB")).isEqualTo("MariaDB 11.4");
        assertThat(Database.describe("MySQL", "8.0.36")).isEqualTo("MySQL 8.0");
        assertThat(Database.describe("H2", "2.5.252 (2025-10-01)")).isEqualTo("H2 2.5 (embedded)");
        try (Database database = Database.connect(DatabaseSettings.embedded(dataDir))) {
            assertThat(database.description()).matches("H2 \\d+\\.\\d+ \\(embedded\\)");
        }
    }

    @Test
    void pingAnswersWhileTheDatabaseIsUpAndNotAfterItIsClosed() {
        Database database = Database.connect(DatabaseSettings.embedded(dataDir));
        assertThat(database.ping(Duration.ofSeconds(1))).isTrue();
        database.close();
        assertThat(database.ping(Duration.ofSeconds(1))).isFalse();
    }

    @Test
    void healthSaysDownWhenAWriteFailedInTheDatabaseThoughItStillAnswersAPing() throws Exception {
        try (Database database = Database.connect(DatabaseSettings.embedded(dataDir))) {
            database.migrate();
            assertThat(database.ping(Duration.ofSeconds(1))).isTrue();
            try (Connection admin = database.dataSource().getConnection(); Statement statement = admin.createStatement()) {
                statement.execute("ALTER TABLE users RENAME TO users_elsewhere");
            }
            assertThatThrownBy(() -> database.repositories().users().insert(new User(null, ConvroNumber.parse("+99000043"), null,
                    null, "$argon2id$x", Instant.parse("2026-11-25T14:10:54.120Z"))));
            assertThat(database.ping(Duration.ofSeconds(1))).isFalse();
        }
    }

    @Test
    void anUnreachableServerFailsStartupWithOneClearLineWithoutThePassword() {
        assertThatThrownBy(() -> Database.connect(DatabaseSettings.of(
                "jdbc:mysql://127.0.0.1:1/convro?user=convro&password=s3cret", null, null)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("cannot connect to the database at jdbc:mysql://127.0.0.1:1/convro")
                .hasMessageNotContaining("s3cret");
    }

    @Test
    void anUnsupportedUrlIsRefused() {
        assertThatThrownBy(() -> Dialect.ofUrl("jdbc:postgresql://localhost/convro"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
