package io.convro.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.convro.domain.DomainException;
import io.convro.domain.ErrorCode;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Every statement is bounded in time on MariaDB: one that waits for a lock is cancelled by the query timeout (not
 * after InnoDB's 50 s), and one sent to a server that stopped answering fails with the socket timeout instead of
 * hanging until the server is back. Both are {@code SERVICE_UNAVAILABLE}. On a private mariadbd, which is paused
 * (SIGSTOP), never the shared one.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DatabaseTimeoutsIT {
    /** Far above the timeouts (4 s query, 6 s socket, 3 s connection): what matters is that it ends at all. */
    private static final Duration NOT_A_HANG = Duration.ofSeconds(20);
    private PrivateMariaDb server;
    private Database database;
    private SeededSession seeded;

    @BeforeAll
    void start() {
        server = PrivateMariaDb.start();
        database = Database.connect(DatabaseSettings.of(server.jdbcUrl(), null, null));
        database.migrate();
        seeded = SeededSession.create(database.repositories(), 7);
    }

    @AfterAll
    void stop() {
        if (database != null) {
            database.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aStatementWaitingForARowLockIsCancelledByTheQueryTimeout() throws Exception {
        try (Connection holder = database.dataSource().getConnection(); Statement lock = holder.createStatement()) {
            holder.setAutoCommit(false);
            lock.executeUpdate("UPDATE devices SET last_seen_at = 1 WHERE device_id = '" + seeded.initiator().value() + "'");
            try {
                assertTimeoutPreemptively(NOT_A_HANG, () -> assertThatThrownBy(
                        () -> database.repositories().devices().touch(seeded.initiator(), Instant.now()))
                        .isInstanceOfSatisfying(DomainException.class,
                                e -> assertThat(e.code()).isEqualTo(ErrorCode.SERVICE_UNAVAILABLE)));
            } finally {
                holder.rollback();
            }
        }
        database.repositories().devices().touch(seeded.initiator(), Instant.now());
    }

    @Test
    void migrationsRunWithoutTheSocketTimeoutThatRequestsHave() throws Exception {
        try (Connection migration = WithoutSocketTimeout.of(database.dataSource()).getConnection()) {
            assertThat(migration.getNetworkTimeout()).isZero();
        }
        try (Connection request = database.dataSource().getConnection()) {
            assertThat(request.getNetworkTimeout()).isEqualTo((int) Database.SOCKET_TIMEOUT.toMillis());
        }
    }

    @Test
    void aStatementToAServerThatStoppedAnsweringFailsInsteadOfWaitingForItsReturn() {
        assertThat(database.repositories().users().findById(seeded.initiatorUser().id())).isPresent();
        server.pause();
        try {
            // the connection just used is handed out again without a check: only the socket timeout can end the wait
            assertTimeoutPreemptively(NOT_A_HANG, () -> assertThatThrownBy(
                    () -> database.repositories().users().findById(seeded.initiatorUser().id()))
                    .isInstanceOfSatisfying(DomainException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.SERVICE_UNAVAILABLE)));
            for (int i = 0; i < 5; i++) {
                assertThat(database.ping(Duration.ofSeconds(1))).isFalse();
            }
            assertThat(Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals("convro-db-ping")))
                    .as("pings stuck on the stopped server do not pile up threads").hasSizeLessThanOrEqualTo(2);
        } finally {
            server.resume();
        }
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).ignoreExceptions()
                .until(() -> database.repositories().users().findById(seeded.initiatorUser().id()).isPresent());
    }
}
