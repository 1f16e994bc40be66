package io.convro.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.convro.domain.DomainException;
import io.convro.domain.ErrorCode;
import io.convro.domain.user.ConvroNumber;
import io.convro.domain.user.User;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * A database that goes away answers {@code SERVICE_UNAVAILABLE} (not a bug's 500), the health ping says so,
 * and the same pool serves again once the database is back — no restart of Convro needed.
 */
class DatabaseOutageIT {
    @Test
    void anOutageIsServiceUnavailableAndThePoolRecoversAfterTheRestart() {
        try (PrivateMariaDb server = PrivateMariaDb.start();
             Database database = Database.connect(DatabaseSettings.of(server.jdbcUrl(), null, null))) {
            database.migrate();
            JdbiRepositories stores = database.repositories();
            User stored = stores.transactions().inTransaction(() -> stores.users().insert(
                    new User(null, ConvroNumber.parse("+99123456"), null, null, "$argon2id$stub", Instant.parse("2026-11-25T10:00:00Z"))));

            server.kill();

            assertThat(database.ping(Duration.ofSeconds(1))).isFalse();
            assertThatThrownBy(() -> stores.users().findById(stored.id()))
                    .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.SERVICE_UNAVAILABLE));
            assertThatThrownBy(() -> stores.transactions().inTransaction(() -> stores.users().findById(stored.id())))
                    .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.SERVICE_UNAVAILABLE));

            server.restart();

            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250)).ignoreExceptions()
                    .untilAsserted(() -> assertThat(stores.users().findById(stored.id())).isPresent());
            assertThat(database.ping(Duration.ofSeconds(1))).as("reads alone do not show that writes work again").isFalse();
            stores.transactions().inTransaction(() -> stores.users().insert(new User(null, ConvroNumber.parse("+99123457"), null,
                    null, "$argon2id$stub", Instant.parse("2026-11-25T10:00:01Z"))));
            assertThat(database.ping(Duration.ofSeconds(1))).as("a committed write does").isTrue();
        }
    }
}
