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
 * (EXPLAIN on MariaDB/MySQL, with enough rows that a full scan would not be chosen for a tiny table), and a history
 * page of a long session reads what it returns at any depth: a range on (session_db_id, id), and ANALYZE's count of
 * the rows read no larger than the page.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MariaDbQueryPlanIT {
    private static final int SESSIONS = 6;
    private static final int MESSAGES_PER_SESSION = 300;
    private static final int LONG_SESSION = 20_000;
    private static final int LIMIT = 51;
    private static final int UNREAD_CAP = 100;

    private ScratchMysqlDatabase scratch;
    private final List<SeededSession> seeded = new ArrayList<>();
    private SeededSession busy;
    private long firstId;

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
            busy = SeededSession.create(scratch.database().repositories(), SESSIONS + 1);
            handle.execute("SET SESSION max_recursive_iterations = " + LONG_SESSION);
            handle.createUpdate("INSERT INTO dm_messages (session_db_id, sender_user_id, sender_device_id, recipient_device_id, "
                            + "ciphertext, auth_tag, server_timestamp, delivery_state) "
                            + "WITH RECURSIVE n (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < :count) "
                            + "SELECT :session, :user, :sender, :recipient, RANDOM_BYTES(64), RANDOM_BYTES(16), i, 'PENDING' FROM n")
                    .bind("count", LONG_SESSION).bind("session", busy.session().id().value())
                    .bind("user", busy.initiatorUser().id().value()).bind("sender", busy.initiator().value())
                    .bind("recipient", busy.responder().value()).execute();
            firstId = handle.createQuery("SELECT MIN(id) FROM dm_messages WHERE session_db_id = :session")
                    .bind("session", busy.session().id().value()).mapTo(Long.class).one();
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
        assertUsesIndexes(explain(MessageDao.SIZES_BEFORE, Map.of("session", sessionId(2), "id", 1000L, "limit", 51)));
        assertUsesIndexes(explain(MessageDao.SIZES_LATEST, Map.of("session", sessionId(2), "limit", 51)));
    }

    @Test
    void historyForwardsUsesAnIndex() {
        assertUsesIndexes(explain(MessageDao.SIZES_AFTER, Map.of("session", sessionId(3), "id", 10L, "limit", 51)));
    }

    @Test
    void pagingBackThroughALongSessionRangesOnSessionAndIdAndReadsOnlyThePageAtEveryDepth() {
        for (long beforeId : List.of(firstId + LIMIT, firstId + LONG_SESSION / 2, firstId + LONG_SESSION - 1)) {
            Map<String, Object> binds = Map.of("session", busy.session().id().value(), "id", beforeId, "limit", LIMIT);
            assertRangesOnSessionAndId(explain(MessageDao.SIZES_BEFORE, binds));
            assertReadsAtMostThePage(analyze(MessageDao.SIZES_BEFORE, binds));
        }
    }

    @Test
    void catchingUpThroughALongSessionRangesOnSessionAndIdAndReadsOnlyThePageAtEveryDepth() {
        for (long afterId : List.of(firstId, firstId + LONG_SESSION / 2, firstId + LONG_SESSION - LIMIT - 1)) {
            Map<String, Object> binds = Map.of("session", busy.session().id().value(), "id", afterId, "limit", LIMIT);
            assertRangesOnSessionAndId(explain(MessageDao.SIZES_AFTER, binds));
            assertReadsAtMostThePage(analyze(MessageDao.SIZES_AFTER, binds));
        }
    }

    @Test
    void theNewestPageOfALongSessionReadsOnlyThePage() {
        assertReadsAtMostThePage(analyze(MessageDao.SIZES_LATEST, Map.of("session", busy.session().id().value(), "limit", LIMIT)));
    }

    @Test
    void theConversationOrderReadsOneNewestMessagePerSessionWhateverItsLength() {
        Map<String, Object> binds = Map.of("device", busy.responder().value(), "activity", Long.MAX_VALUE,
                "session", Long.MAX_VALUE, "limit", LIMIT);
        assertUsesIndexes(explain(MessageDao.RECENT_SESSIONS, binds));
        assertReadsAtMost(analyze(MessageDao.RECENT_SESSIONS, binds), 1);
    }

    @Test
    void unreadCountsOfAllSessionsUseAnIndexAndStopAtTheCap() {
        assertUsesIndexes(explain(CappedUnreadCounts.sql(SESSIONS), unreadBinds(seeded.get(0).responder().value(), allSessions())));
        Map<String, Object> flooded = unreadBinds(busy.responder().value(), List.of(busy.session().id().value()));
        List<Map<String, Object>> analyzed = analyze(CappedUnreadCounts.sql(1), flooded);
        assertUsesIndexes(analyzed);
        assertReadsAtMost(analyzed, UNREAD_CAP);
    }

    private static Map<String, Object> unreadBinds(String recipient, List<Long> sessions) {
        Map<String, Object> binds = new java.util.HashMap<>(Map.of("recipient", recipient, "atMost", UNREAD_CAP));
        for (int i = 0; i < sessions.size(); i++) {
            binds.put("s" + i, sessions.get(i));
        }
        return binds;
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

    private List<Map<String, Object>> analyze(String sql, Map<String, Object> binds) {
        return scratch.database().jdbi().withHandle((Handle handle) -> {
            var query = handle.createQuery("ANALYZE " + sql);
            binds.forEach(query::bind);
            return query.mapToMap().list();
        });
    }

    /** The page's ids come from a range on both columns of ix_dm_messages_session (two BIGINTs: 16 bytes of key). */
    private static void assertRangesOnSessionAndId(List<Map<String, Object>> plan) {
        assertThat(plan).as("plan: %s", plan).anySatisfy(row -> {
            assertThat(row.get("table")).isEqualTo("dm_messages");
            assertThat(row.get("type")).isEqualTo("range");
            assertThat(row.get("key")).isEqualTo("ix_dm_messages_session");
            assertThat(String.valueOf(row.get("key_len"))).isEqualTo("16");
        });
    }

    /** No step that reads dm_messages reads more rows than the page holds (ANALYZE's r_rows: rows per loop, as read). */
    private static void assertReadsAtMostThePage(List<Map<String, Object>> analyzed) {
        assertReadsAtMost(analyzed, LIMIT);
    }

    private static void assertReadsAtMost(List<Map<String, Object>> analyzed, int rows) {
        List<Map<String, Object>> messageRows = analyzed.stream().filter(MariaDbQueryPlanIT::readsMessages).toList();
        assertThat(messageRows).as("plan reads dm_messages: %s", analyzed).isNotEmpty();
        assertThat(messageRows).as("analyzed: %s", analyzed).allSatisfy(row ->
                assertThat(row.get("r_rows") == null ? 0 : Double.parseDouble(String.valueOf(row.get("r_rows"))))
                        .isLessThanOrEqualTo(rows));
    }

    /** Every step that reads dm_messages goes through a key. */
    private static void assertUsesIndexes(List<Map<String, Object>> plan) {
        List<Map<String, Object>> messageRows = plan.stream().filter(MariaDbQueryPlanIT::readsMessages).toList();
        assertThat(messageRows).as("plan reads dm_messages: %s", plan).isNotEmpty();
        assertThat(messageRows).as("plan: %s", plan).allSatisfy(row -> {
            assertThat(row.get("key")).isNotNull();
            assertThat(row.get("type")).isNotEqualTo("ALL");
        });
    }

    /** A step that reads dm_messages: under the aliases the repository's SQL gives it, or its own name in a sub-query. */
    private static boolean readsMessages(Map<String, Object> row) {
        return List.of("m", "x", "dm_messages").contains(String.valueOf(row.get("table")));
    }
}
