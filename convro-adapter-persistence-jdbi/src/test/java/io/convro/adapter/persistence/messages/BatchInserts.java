package io.convro.adapter.persistence.messages;

import static org.assertj.core.api.Assertions.assertThat;

import io.convro.adapter.persistence.Database;
import io.convro.adapter.persistence.SeededSession;
import io.convro.domain.session.DmSession;
import io.convro.domain.session.SessionState;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The send path's multi-row insert ({@link MessageInserts#insertAll}): a batch is stored whole, under consecutive
 * ids in row order, only if every one of its sessions is ACTIVE; one session that is not, wherever its row is,
 * stores nothing of the batch. Run on H2 ({@code H2BatchInsertsTest}) and MySQL/MariaDB ({@code MariaDbBatchInsertsIT}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class BatchInserts {
    private final AtomicInteger seeds = new AtomicInteger();
    private final AtomicInteger clientMessageIds = new AtomicInteger();
    private Database database;

    /** A freshly migrated, empty database. */
    abstract Database openDatabase();

    abstract void closeDatabase();

    @BeforeAll
    void createDatabase() {
        database = openDatabase();
    }

    @AfterAll
    void dropDatabase() {
        if (database != null) {
            closeDatabase();
        }
    }

    @Test
    void aBatchOverActiveSessionsIsStoredUnderConsecutiveIdsInRowOrder() {
        SeededSession a = session(SessionState.ACTIVE);
        SeededSession b = session(SessionState.ACTIVE);
        List<MessageRow> rows = List.of(row(a), row(b), row(a), row(a), row(b));

        List<Long> ids = insertAll(rows).orElseThrow();

        assertThat(ids).hasSize(5);
        for (int i = 1; i < ids.size(); i++) {
            assertThat(ids.get(i)).isEqualTo(ids.get(0) + i);
        }
        for (int i = 0; i < rows.size(); i++) {
            assertThat(storedClientMessageId(ids.get(i), rows.get(i).sessionDbId())).contains(rows.get(i).clientMessageId());
        }
    }

    @Test
    void aBatchOfOneSessionIsStored() {
        SeededSession a = session(SessionState.ACTIVE);

        assertThat(insertAll(List.of(row(a), row(a), row(a)))).hasValueSatisfying(ids -> assertThat(ids).hasSize(3));
        assertThat(countIn(a)).isEqualTo(3);
    }

    @Test
    void oneClosedSessionAnywhereInTheBatchStoresNothing() {
        SeededSession a = session(SessionState.ACTIVE);
        SeededSession closed = session(SessionState.CLOSED);

        assertThat(insertAll(List.of(row(a), row(a), row(closed)))).isEmpty();
        assertThat(insertAll(List.of(row(closed), row(a), row(a)))).isEmpty();
        assertThat(insertAll(List.of(row(a), row(closed), row(a), row(a)))).isEmpty();
        assertThat(countIn(a)).isZero();
        assertThat(countIn(closed)).isZero();
    }

    @Test
    void aPendingSessionInTheBatchStoresNothing() {
        SeededSession a = session(SessionState.ACTIVE);
        SeededSession pending = session(SessionState.PENDING);

        assertThat(insertAll(List.of(row(a), row(pending)))).isEmpty();
        assertThat(countIn(a)).isZero();
        assertThat(countIn(pending)).isZero();
    }

    @Test
    void aRepeatedClientMessageIdStoresNothingOfTheBatch() {
        SeededSession a = session(SessionState.ACTIVE);
        MessageRow first = row(a);

        assertThat(insertAll(List.of(first, row(a), first))).isEmpty();
        assertThat(countIn(a)).isZero();
    }

    private Optional<List<Long>> insertAll(List<MessageRow> rows) {
        return database.jdbi().withHandle(handle -> MessageInserts.insertAll(handle, rows));
    }

    private SeededSession session(SessionState state) {
        SeededSession seeded = SeededSession.create(database.repositories(), seeds.incrementAndGet());
        if (state != SessionState.ACTIVE) {
            DmSession session = seeded.session();
            database.jdbi().useHandle(handle -> handle.execute("UPDATE dm_sessions SET state = ? WHERE id = ?",
                    state.name(), session.id().value()));
        }
        return seeded;
    }

    private MessageRow row(SeededSession s) {
        return new MessageRow(0, s.session().id().value(), s.session().sessionId().value(), s.initiatorUser().id().value(),
                s.initiator().value(), s.responder().value(), new byte[] {1, 2, 3}, new byte[16],
                "batch-" + clientMessageIds.incrementAndGet(), null, 1_764_000_000_000L, "PENDING", null, null);
    }

    private Optional<String> storedClientMessageId(long id, long sessionDbId) {
        return database.jdbi().withHandle(handle -> handle.createQuery(
                        "SELECT client_message_id FROM dm_messages WHERE id = :id AND session_db_id = :session")
                .bind("id", id).bind("session", sessionDbId).mapTo(String.class).findOne());
    }

    private long countIn(SeededSession s) {
        return database.jdbi().withHandle(handle -> handle.createQuery("SELECT COUNT(*) FROM dm_messages WHERE session_db_id = :session")
                .bind("session", s.session().id().value()).mapTo(Long.class).one());
    }
}
