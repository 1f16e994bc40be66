package io.convro.adapter.persistence.messages;

import static org.assertj.core.api.Assertions.assertThat;

import io.convro.adapter.persistence.Database;
import io.convro.adapter.persistence.H2MemoryDatabase;
import io.convro.adapter.persistence.SeededSession;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The history queries the repository runs read, on H2, what they return: EXPLAIN ANALYZE shows the range on
 * {@code ix_dm_messages_session} (session_db_id, id), read in index order, and H2's own count of the rows it
 * scanned stays near the page size at every depth of a long session. The conversation order reads one message per
 * session and the unread counts stop at their cap, however many messages the session holds.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class H2QueryPlanTest {
    private static final int LONG_SESSION = 5_000;
    private static final int LIMIT = 51;
    private static final int UNREAD_CAP = 100;
    private static final Pattern SCAN_COUNT = Pattern.compile("scanCount: (\\d+)");

    private Database database;
    private SeededSession busy;
    private long firstId;

    @BeforeAll
    void seed() {
        database = H2MemoryDatabase.migrated("plans", 2);
        busy = SeededSession.create(database.repositories(), 1);
        SeededSession other = SeededSession.create(database.repositories(), 2);
        insertMessages(other, 300);
        insertMessages(busy, LONG_SESSION);
        insertMessages(other, 300);
        firstId = database.jdbi().withHandle(handle -> handle.createQuery(
                "SELECT MIN(id) FROM dm_messages WHERE session_db_id = :session")
                .bind("session", busy.session().id().value()).mapTo(Long.class).one());
    }

    @AfterAll
    void close() {
        database.close();
    }

    @Test
    void theNewestPageReadsOnlyThePage() {
        assertReadsThePageInIndexOrder(plan(MessageDao.SIZES_LATEST, Map.of("session", session(), "limit", LIMIT)), false);
    }

    @Test
    void pagingBackReadsOnlyThePageAtEveryDepth() {
        for (long beforeId : List.of(firstId + LIMIT, firstId + LONG_SESSION / 2, firstId + LONG_SESSION - 1)) {
            assertReadsThePageInIndexOrder(plan(MessageDao.SIZES_BEFORE,
                    Map.of("session", session(), "id", beforeId, "limit", LIMIT)), true);
        }
    }

    @Test
    void catchingUpForwardsReadsOnlyThePageAtEveryDepth() {
        for (long afterId : List.of(firstId, firstId + LONG_SESSION / 2, firstId + LONG_SESSION - LIMIT - 1)) {
            assertReadsThePageInIndexOrder(plan(MessageDao.SIZES_AFTER,
                    Map.of("session", session(), "id", afterId, "limit", LIMIT)), true);
        }
    }

    @Test
    void theConversationOrderReadsOneNewestMessagePerSession() {
        String plan = plan(MessageDao.RECENT_SESSIONS, Map.of("device", busy.responder().value(), "activity", Long.MAX_VALUE,
                "session", Long.MAX_VALUE, "limit", LIMIT));
        assertThat(plan).contains("public.ix_dm_messages_session: session_db_id = sm.session_db_id");
        assertScansAtMost(plan, 2L * (LIMIT + 1));
    }

    @Test
    void unreadCountsStopAtTheCap() {
        String plan = plan(CappedUnreadCounts.sql(1), Map.of("recipient", busy.responder().value(), "s0", session(),
                "atMost", UNREAD_CAP));
        assertThat(plan).contains("public.ix_dm_messages_unread");
        assertScansAtMost(plan, 2L * (UNREAD_CAP + 1));
    }

    private long session() {
        return busy.session().id().value();
    }

    private String plan(String sql, Map<String, Object> binds) {
        return database.jdbi().withHandle(handle -> {
            var query = handle.createQuery("EXPLAIN ANALYZE " + sql);
            binds.forEach(query::bind);
            return query.mapTo(String.class).one();
        });
    }

    /**
     * The page's ids come from ix_dm_messages_session, bounded on both of its columns when there is a cursor, in
     * index order (no sort of the whole range); no step of the plan scans more than two rows per row of the page
     * (H2 counts a primary-key look-up as two).
     */
    private static void assertReadsThePageInIndexOrder(String plan, boolean cursor) {
        assertThat(plan).contains("public.ix_dm_messages_session: session_db_id = ");
        if (cursor) {
            assertThat(plan).containsPattern("ix_dm_messages_session: session_db_id = \\S+\\s+AND id [<>] ");
        }
        assertThat(plan).contains("/* index sorted */");
        assertScansAtMost(plan, 2L * (LIMIT + 1));
    }

    private static void assertScansAtMost(String plan, long rows) {
        Matcher counts = SCAN_COUNT.matcher(plan);
        int steps = 0;
        while (counts.find()) {
            steps++;
            assertThat(Long.parseLong(counts.group(1))).as("rows scanned by a step of:%n%s", plan).isLessThanOrEqualTo(rows);
        }
        assertThat(steps).as(plan).isPositive();
    }

    private void insertMessages(SeededSession session, int count) {
        database.jdbi().useHandle(handle -> handle.createUpdate("INSERT INTO dm_messages (session_db_id, sender_user_id, "
                        + "sender_device_id, recipient_device_id, ciphertext, auth_tag, server_timestamp, delivery_state) "
                        + "SELECT :session, :user, :sender, :recipient, X'010203', X'00000000000000000000000000000000', r.x, "
                        + "'PENDING' FROM SYSTEM_RANGE(1, :count) r(x)")
                .bind("session", session.session().id().value()).bind("user", session.initiatorUser().id().value())
                .bind("sender", session.initiator().value()).bind("recipient", session.responder().value())
                .bind("count", count).execute());
    }
}
