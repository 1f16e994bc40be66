package io.convro.adapter.persistence.messages;

import io.convro.adapter.persistence.InLists;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindList;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.customizer.BindMethodsList;
import org.jdbi.v3.sqlobject.statement.GetGeneratedKeys;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

@RegisterConstructorMapper(MessageRow.class)
@RegisterConstructorMapper(SessionActivityRow.class)
@RegisterConstructorMapper(PageEntryRow.class)
interface MessageDao {
    String COLUMNS = "m.id, m.session_db_id, s.session_id, m.sender_user_id, m.sender_device_id, "
            + "m.recipient_device_id, m.ciphertext, m.auth_tag, m.client_message_id, m.client_timestamp, "
            + "m.server_timestamp, m.delivery_state, m.delivered_at, m.read_at ";
    String SELECT = "SELECT " + COLUMNS + "FROM dm_messages m JOIN dm_sessions s ON s.id = m.session_db_id ";

    // The history, conversation-order and unread queries are named so that the plan tests (H2 and MariaDB) can EXPLAIN
    // exactly the SQL the repository runs.
    //
    // A history page reads its ids first, from ix_dm_messages_session alone: a range on (session_db_id, id) that
    // stops after :limit entries, and only then those rows by primary key. Asked for whole rows in one query,
    // MariaDB 10.11 prices that range at one row look-up per matching entry (all the session's messages older than
    // beforeId), finds the clustered primary key cheaper still, and settles on ref access to the index on
    // session_db_id alone, which pages back from the session's newest message and filters: beforeId=50001 of a
    // 100,000-message session read 50,050 rows. On the index alone (covering, no look-ups) the range is the
    // cheapest plan. H2 reads an index in order only when ORDER BY names all of its leading columns, so the
    // inner ORDER BY names session_db_id too (a constant here); without it H2 read the whole range and sorted.
    // <sessionIndex> names the index in the dialect's words (Database defines it: FORCE INDEX on MariaDB, USE INDEX
    // on H2). It keeps both off the foreign-key indexes that also start with session_db_id but cannot give the order,
    // and on MariaDB it makes the range plan certain: with a scan priced out the range optimizer always offers the
    // range, and the planner then prefers it to ref on session_db_id ("range uses longer key"). With USE INDEX the
    // range estimate of a deep page (half the session, give or take) sometimes priced it out, and the page read
    // every newer message again.
    //
    // A page is read in two steps: its entries' ids and ciphertext sizes first (the range above, each row by primary
    // key for its size), then, by id, only the rows that fit the page's byte budget (JdbiMessages.page): 200 messages of
    // 64 KiB are never read into the heap at once.
    String SIZES_OF = "SELECT id, OCTET_LENGTH(ciphertext) AS ciphertext_bytes FROM dm_messages <sessionIndex> "
            + "WHERE session_db_id = :session ";
    String SIZES_LATEST = SIZES_OF + "ORDER BY session_db_id DESC, id DESC LIMIT :limit";
    String SIZES_BEFORE = SIZES_OF + "AND id < :id ORDER BY session_db_id DESC, id DESC LIMIT :limit";
    String SIZES_AFTER = SIZES_OF + "AND id > :id ORDER BY session_db_id, id LIMIT :limit";
    // The conversation list's order: per session of the device, its newest message (one entry of
    // ix_dm_messages_session, read backwards, and that row by primary key) or else its creation. One look-up per
    // session, never one per message (MAX(id) ... GROUP BY read every message of the sessions on H2; <sessionIndex>
    // because H2 otherwise took a foreign-key index and read the session whole). DISTINCT changes
    // nothing (a device is in a session once) but keeps MariaDB from merging the derived table into the outer query,
    // which would run the newest-message look-up once for each place it is used instead of once per session.
    // The cursor is the (activity, id) the previous page ended with; the first page passes the largest of both.
    String RECENT_SESSIONS = "SELECT a.session_db_id, a.last_id, COALESCE(m.server_timestamp, a.created_at) AS activity "
            + "FROM (SELECT DISTINCT sm.session_db_id, s.created_at, "
            + "(SELECT x.id FROM dm_messages x <sessionIndex> WHERE x.session_db_id = sm.session_db_id "
            + "ORDER BY x.session_db_id DESC, x.id DESC LIMIT 1) AS last_id "
            + "FROM dm_session_members sm JOIN dm_sessions s ON s.id = sm.session_db_id WHERE sm.device_id = :device) a "
            + "LEFT JOIN dm_messages m ON m.id = a.last_id "
            + "WHERE COALESCE(m.server_timestamp, a.created_at) < :activity "
            + "OR (COALESCE(m.server_timestamp, a.created_at) = :activity AND a.session_db_id < :session) "
            + "ORDER BY activity DESC, a.session_db_id DESC LIMIT :limit";

    @SqlUpdate(MessageInserts.INSERT)
    @GetGeneratedKeys("id")
    long insert(@BindMethods MessageRow row);

    @SqlQuery(SELECT + "WHERE m.id = :id")
    Optional<MessageRow> findById(@Bind("id") long id);

    @SqlQuery(SELECT + "WHERE m.id IN (<ids>)")
    List<MessageRow> findByIdsIn(@BindList("ids") Collection<Long> ids);

    /** Messages by id (an IN list of a few lengths only: see InLists). */
    default List<MessageRow> findByIds(Collection<Long> ids) {
        return findByIdsIn(InLists.padded(ids));
    }

    @SqlQuery(SELECT + "WHERE m.sender_device_id = :sender AND m.client_message_id = :clientMessageId "
            + "AND m.recipient_device_id = :recipient")
    Optional<MessageRow> findByClientMessageId(@Bind("sender") String sender, @Bind("clientMessageId") String clientMessageId,
                                               @Bind("recipient") String recipient);

    @SqlQuery(SELECT + "WHERE m.sender_device_id = :sender AND m.client_message_id = :clientMessageId ORDER BY m.id")
    List<MessageRow> findAllByClientMessageId(@Bind("sender") String sender, @Bind("clientMessageId") String clientMessageId);

    @SqlQuery(SIZES_LATEST)
    List<PageEntryRow> latest(@Bind("session") long session, @Bind("limit") int limit);

    @SqlQuery(SIZES_BEFORE)
    List<PageEntryRow> before(@Bind("session") long session, @Bind("id") long id, @Bind("limit") int limit);

    @SqlQuery(SIZES_AFTER)
    List<PageEntryRow> after(@Bind("session") long session, @Bind("id") long id, @Bind("limit") int limit);

    /** One receipt row per (message, device); a status never moves back from READ. */
    @SqlUpdate("INSERT INTO message_receipts (message_id, device_id, status, updated_at) VALUES (:messageId, :deviceId, :status, :at) "
            + "ON DUPLICATE KEY UPDATE status = CASE WHEN status = 'READ' THEN 'READ' ELSE :status END, updated_at = :at")
    void upsertReceipt(@Bind("messageId") long messageId, @Bind("deviceId") String deviceId, @Bind("status") String status,
                       @Bind("at") long at);

    /**
     * Forward only, whatever committed since the caller read the message: a DELIVERED that raced a READ leaves it
     * READ, and a time once set stays (two batches can read the same state and both move it).
     */
    @SqlUpdate("UPDATE dm_messages SET delivery_state = CASE WHEN delivery_state = 'READ' THEN 'READ' ELSE :deliveryState END, "
            + "delivered_at = COALESCE(delivered_at, :deliveredAt), read_at = COALESCE(read_at, :readAt) WHERE id = :id")
    int updateDelivery(@Bind("id") long id, @Bind("deliveryState") String deliveryState,
                       @Bind("deliveredAt") Long deliveredAt, @Bind("readAt") Long readAt);

    /**
     * {@link #updateDelivery} for messages that all move to the same state at the same time (one receipts request):
     * one statement, the rows locked in the order of their key, whatever order the client listed them in.
     */
    @SqlUpdate("UPDATE dm_messages SET delivery_state = CASE WHEN delivery_state = 'READ' THEN 'READ' ELSE :deliveryState END, "
            + "delivered_at = COALESCE(delivered_at, :at), read_at = COALESCE(read_at, :readAt) WHERE id IN (<ids>)")
    int updateDeliveriesIn(@BindList("ids") List<Long> ids, @Bind("deliveryState") String deliveryState,
                           @Bind("at") long at, @Bind("readAt") Long readAt);

    /** {@link #upsertReceipt} for several messages of one device, one statement. */
    @SqlUpdate("INSERT INTO message_receipts (message_id, device_id, status, updated_at) VALUES <rows> "
            + "ON DUPLICATE KEY UPDATE status = CASE WHEN status = 'READ' THEN 'READ' ELSE :status END, updated_at = :at")
    void upsertReceiptsIn(@BindMethodsList(value = "rows", methodNames = {"messageId", "deviceId", "status", "at"})
                          List<ReceiptRow> rows, @Bind("status") String status, @Bind("at") long at);

    /** One row of {@link #upsertReceiptsIn}. */
    record ReceiptRow(long messageId, String deviceId, String status, long at) {
    }

    @SqlQuery(RECENT_SESSIONS)
    List<SessionActivityRow> recentSessions(@Bind("device") String device, @Bind("activity") long activity,
                                            @Bind("session") long session, @Bind("limit") int limit);
}
