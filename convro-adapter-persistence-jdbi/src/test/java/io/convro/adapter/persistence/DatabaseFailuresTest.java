package io.convro.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.convro.domain.DomainException;
import io.convro.domain.ErrorCode;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class DatabaseFailuresTest {
    private final AtomicLong now = new AtomicLong(1_000);
    private final List<String> log = new ArrayList<>();
    private final DatabaseFailures failures = new DatabaseFailures(now::get, log::add);

    @Test
    void anUnreachableDatabaseIsServiceUnavailableRecordedAndLogged() {
        assertThatThrownBy(() -> failures.translate(() -> {
            throw new IllegalStateException(new SQLNonTransientConnectionException("Connection refused", "08S01"));
        })).isInstanceOf(DomainException.class)
                .satisfies(e -> assertThat(((DomainException) e).code()).isEqualTo(ErrorCode.SERVICE_UNAVAILABLE));
        assertThat(failures.failedWithin(Duration.ofSeconds(10))).isTrue();
        assertThat(log).containsExactly(
                "the database failed a request: SQLNonTransientConnectionException: Connection refused [SQLState 08S01]");
    }

    @Test
    void aTimeoutOrDeadlockIsServiceUnavailableToo() {
        assertThatThrownBy(() -> failures.translate(() -> {
            throw new IllegalStateException(new SQLTimeoutException("statement timed out"));
        })).isInstanceOf(DomainException.class);
        assertThatThrownBy(() -> failures.translate(() -> {
            throw new IllegalStateException(new SQLException("Deadlock found", "40001"));
        })).isInstanceOf(DomainException.class);
    }

    @Test
    void otherDatabaseErrorsPropagateUnchangedButAreRecorded() {
        IllegalStateException broken = new IllegalStateException(new SQLException("Table \"devices\" not found", "42S02"));
        assertThatThrownBy(() -> failures.translate(() -> {
            throw broken;
        })).isSameAs(broken);
        assertThat(failures.failedWithin(Duration.ofSeconds(10))).isTrue();
    }

    @Test
    void aRefusalOfTheDataIsNotAFailure() {
        IllegalStateException duplicate = new IllegalStateException(new SQLIntegrityConstraintViolationException("Duplicate", "23000"));
        assertThatThrownBy(() -> failures.translate(() -> {
            throw duplicate;
        })).isSameAs(duplicate);
        assertThatThrownBy(() -> failures.translate(() -> {
            throw new IllegalArgumentException("not the database");
        })).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> failures.translate(() -> {
            throw new DomainException(ErrorCode.USERNAME_TAKEN, "taken");
        })).isInstanceOf(DomainException.class);
        assertThat(failures.failedWithin(Duration.ofDays(1))).isFalse();
        assertThat(log).isEmpty();
    }

    @Test
    void healthForgetsAFailureOnceTheWindowHasPassed() {
        failures.record(new SQLException("gone"));
        now.addAndGet(Duration.ofSeconds(9).toNanos());
        assertThat(failures.failedWithin(Duration.ofSeconds(10))).isTrue();
        now.addAndGet(Duration.ofSeconds(2).toNanos());
        assertThat(failures.failedWithin(Duration.ofSeconds(10))).isFalse();
    }

    @Test
    void aWriteCommittedAfterTheFailureClearsIt() {
        failures.record(new SQLException("gone"));
        now.addAndGet(1);
        assertThat(failures.failedWithin(Duration.ofSeconds(10))).isTrue();
        failures.recordWrite();
        assertThat(failures.failedWithin(Duration.ofSeconds(10))).isFalse();
        now.addAndGet(1);
        failures.record(new SQLException("gone again"));
        assertThat(failures.failedWithin(Duration.ofSeconds(10))).isTrue();
    }

    @Test
    void anOutageUnderLoadWritesOneLineEveryThirtySecondsWithTheCountOfTheOthers() {
        for (int i = 0; i < 1_000; i++) {
            failures.record(new SQLException("Connection refused", "08001"));
            now.addAndGet(Duration.ofMillis(50).toNanos());
        }
        // 50 s of failures: a line at 0 s and one at 30 s, which counts the 599 in between
        assertThat(log).hasSize(2);
        assertThat(log.get(1)).endsWith("(599 more failures since the last line)");
    }

    @Test
    void theCauseIsOneLineWithoutTheStatement() {
        SQLException h2 = new SQLException("Check constraint invalid: \"ck_devices_platform: \"; SQL statement:\n"
                + "INSERT INTO devices (device_id) VALUES (?) [23514-240]", "23514",
                new SQLNonTransientConnectionException("The database has been closed [90098-240]", "90098"));
        assertThat(DatabaseFailures.cause(new IllegalStateException(h2)))
                .isEqualTo("SQLNonTransientConnectionException: The database has been closed [90098-240] [SQLState 90098]");
        assertThat(DatabaseFailures.cause(new SQLException("Check constraint invalid: \"ck\"; SQL statement:\nINSERT …", "23514")))
                .isEqualTo("SQLException: Check constraint invalid: \"ck\" [SQLState 23514]");
    }
}
