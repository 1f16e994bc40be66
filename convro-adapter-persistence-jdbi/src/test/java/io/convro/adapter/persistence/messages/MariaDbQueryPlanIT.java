package io.convro.adapter.persistence.messages;

import static org.assertj.core.api.Assertions.assertThat;

import io.convro.adapter.persistence.ScratchMysqlDatabase;
import io.convro.adapter.persistence.SeededSession;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The history, last-message and unread queries the repository runs use an index on {@code dm_messages}
 * (EXPLAIN on MariaDB/MySQL, with enough rows that a full scan would not be chosen for a tiny table).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MariaDbQueryPlanIT {
    private static final int SESSIONS = 6;
    private static final int MESSAGES_PER_SESSION = 300;

    private ScratchMysqlDatabase scratch;
    private final List<SeededSession> seeded = new ArrayList<>();

    @BeforeAll
    void createDatabase() {
        scratch = ScratchMysqlDatabase.create();
        for (int i = 1; i <= SESSIONS; i++) {
            seeded.add(SeededSession.create(scratch.database().repositories(), i));
        }
        scratch.database().jdbi().useHandle(handle -> {
            PreparedBatch batch = handle.prepareBatch("INSERT INTO dm_messages (session_db_id, sender_user_id, sender_device_id, "
                    + "recipient_device_id, ciphertext, auth_tag, server_timestamp, delivery_state) "
                    + "VALUES (:session, :user, :sender, :recipient, :ciphertext, :tag, 0, :state)");
            for (int n = 0; n < MESSAGES_PER_SESSION; n++) {
                for (SeededSession s : seeded) {
                    batch.bind("session", s.session().id().value()).bind("user", s.initiatorUser().id().value())
                            .bind("sender", s.initiator().value()).bind("recipient", s.responder().value())
                            .bind("ciphertext", new byte[] {1, 2, 3}).bind("tag", new byte[16])
                            .bind("state", n % 3 == 0 ? "READ" : "PENDING").add();
                }
            }
            batch.execute();
            handle.execute("ANALYZE TABLE dm_messages");
        });
    }

    @AfterAll
    void dropDatabase() {
        if (scratch != null) {
            scratch.close();
        }
    }

    @Test
    void historyBackwardsUsesAnIndex() {
        assertUsesIndexes(explain(MessageDao.PAGE_BEFORE, Map.of("session", sessionId(2), "id", 1000L, "limit", 51)));
        assertUsesIndexes(explain(MessageDao.PAGE_LATEST, Map.of("session", sessionId(2), "limit", 51)));
    }

    @Test
    void historyForwardsUsesAnIndex() {
        assertUsesIndexes(explain(MessageDao.PAGE_AFTER, Map.of("session", sessionId(3), "id", 10L, "limit", 51)));
    }

    @Test
    void lastMessagesOfAllSessionsUseAnIndex() {
        assertUsesIndexes(explain(MessageDao.LAST_MESSAGES, Map.of(), allSessions()));
    }

    @Test
    void unreadCountsOfAllSessionsUseAnIndex() {
        assertUsesIndexes(explain(MessageDao.UNREAD_COUNTS, Map.of("recipient", seeded.get(0).responder().value()), allSessions()));
    }

    private long sessionId(int index) {
        return seeded.get(index).session().id().value();
    }

    private List<Long> allSessions() {
        return seeded.stream().map(s -> s.session().id().value()).toList();
    }

    private List<Map<String, Object>> explain(String sql, Map<String, Object> binds) {
        return explain(sql, binds, null);
    }

    private List<Map<String, Object>> explain(String sql, Map<String, Object> binds, List<Long> sessions) {
        return scratch.database().jdbi().withHandle((Handle handle) -> {
            var query = handle.createQuery("EXPLAIN " + sql);
            binds.forEach(query::bind);
            if (sessions != null) {
                query.bindList("sessions", sessions);
            }
            return query.mapToMap().list();
        });
    }

    /** Every row that reads dm_messages (alias m, or the table itself in a derived query) goes through a key. */
    private static void assertUsesIndexes(List<Map<String, Object>> plan) {
        List<Map<String, Object>> messageRows = plan.stream()
                .filter(row -> "m".equals(row.get("table")) || "dm_messages".equals(row.get("table"))).toList();
        assertThat(messageRows).as("plan reads dm_messages: %s", plan).isNotEmpty();
        assertThat(messageRows).as("plan: %s", plan).allSatisfy(row -> {
            assertThat(row.get("key")).isNotNull();
            assertThat(row.get("type")).isNotEqualTo("ALL");
        });
    }
}
