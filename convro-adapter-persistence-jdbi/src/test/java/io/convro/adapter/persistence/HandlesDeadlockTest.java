package io.convro.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.convro.domain.DomainException;
import io.convro.domain.ErrorCode;
import java.sql.SQLException;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A transaction the database chose as a deadlock victim runs again, a bounded number of times, and nothing else does. */
class HandlesDeadlockTest {
    private org.jdbi.v3.core.Handle keepAlive;
    private Handles handles;
    private final AtomicInteger runs = new AtomicInteger();

    @BeforeEach
    void database() {
        Jdbi jdbi = Jdbi.create("jdbc:h2:mem:deadlock_" + UUID.randomUUID().toString().replace("-", ""), "sa", "");
        keepAlive = jdbi.open();
        keepAlive.execute("CREATE TABLE t (id INT PRIMARY KEY)");
        handles = TestHandles.on(jdbi);
    }

    @AfterEach
    void close() {
        keepAlive.close();
    }

    @Test
    void aDeadlockVictimRunsAgainAndWhatItWroteTheFirstTimeIsGone() {
        int stored = handles.inTransaction(() -> handles.withHandle(handle -> {
            handle.execute("INSERT INTO t (id) VALUES (?)", runs.incrementAndGet());
            if (runs.get() < 3) {
                throw new IllegalStateException(new SQLException("Deadlock found when trying to get lock", "40001", 1213));
            }
            return handle.createQuery("SELECT COUNT(*) FROM t").mapTo(Integer.class).one();
        }));

        assertThat(runs).hasValue(3);
        assertThat(stored).isEqualTo(1);
        assertThat(keepAlive.createQuery("SELECT id FROM t").mapTo(Integer.class).list()).containsExactly(3);
    }

    @Test
    void aTransactionThatKeepsDeadlockingIsServiceUnavailableAfterItsAttempts() {
        assertThatThrownBy(() -> handles.inTransaction(() -> {
            runs.incrementAndGet();
            throw new IllegalStateException(new SQLException("Deadlock found", "40001"));
        })).isInstanceOf(DomainException.class)
                .satisfies(e -> assertThat(((DomainException) e).code()).isEqualTo(ErrorCode.SERVICE_UNAVAILABLE));
        assertThat(runs).hasValue(Handles.DEADLOCK_ATTEMPTS);
    }

    @Test
    void otherFailuresAndNestedTransactionsAreNotRunAgain() {
        assertThatThrownBy(() -> handles.inTransaction(() -> {
            runs.incrementAndGet();
            throw new IllegalStateException(new SQLException("Lock wait timeout exceeded", "HY000", 1205));
        })).isInstanceOf(IllegalStateException.class);
        assertThat(runs).hasValue(1);

        runs.set(0);
        assertThatThrownBy(() -> handles.inTransaction(() -> handles.inTransaction(() -> {
            runs.incrementAndGet();
            throw new IllegalStateException(new SQLException("Deadlock found", "40001"));
        }))).isInstanceOf(DomainException.class);
        // the inner call joins the outer transaction: only the outer one runs again
        assertThat(runs).hasValue(Handles.DEADLOCK_ATTEMPTS);
    }
}
