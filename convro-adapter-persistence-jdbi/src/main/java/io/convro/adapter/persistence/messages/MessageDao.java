package io.convro.adapter.persistence.messages;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindList;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.GetGeneratedKeys;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

@RegisterConstructorMapper(MessageRow.class)
@RegisterConstructorMapper(UnreadRow.class)
interface MessageDao {
    String SELECT = "SELECT m.id, m.session_db_id, s.session_id, m.sender_user_id, m.sender_device_id, "
            + "m.recipient_device_id, m.ciphertext, m.auth_tag, m.client_message_id, m.client_timestamp, "
            + "m.server_timestamp, m.delivery_state, m.delivered_at, m.read_at "
            + "FROM dm_messages m JOIN dm_sessions s ON s.id = m.session_db_id ";

    // The history, last-message and unread queries are named so that the MariaDB IT can EXPLAIN
    // exactly the SQL the repository runs.
    String PAGE_LATEST = SELECT + "WHERE m.session_db_id = :session ORDER BY m.id DESC LIMIT :limit";
    String PAGE_BEFORE = SELECT + "WHERE m.session_db_id = :session AND m.id < :id ORDER BY m.id DESC LIMIT :limit";
    String PAGE_AFTER = SELECT + "WHERE m.session_db_id = :session AND m.id > :id ORDER BY m.id ASC LIMIT :limit";
    String LAST_MESSAGES = SELECT + "JOIN (SELECT session_db_id, MAX(id) AS last_id FROM dm_messages "
            + "WHERE session_db_id IN (<sessions>) GROUP BY session_db_id) last ON last.last_id = m.id";
    String UNREAD_COUNTS = "SELECT session_db_id, COUNT(*) AS unread FROM dm_messages "
            + "WHERE recipient_device_id = :recipient AND session_db_id IN (<sessions>) AND delivery_state <> 'READ' "
            + "GROUP BY session_db_id";

    @SqlUpdate(MessageInserts.INSERT)
    @GetGeneratedKeys("id")
    long insert(@BindMethods MessageRow row);

    @SqlQuery(SELECT + "WHERE m.id = :id")
    Optional<MessageRow> findById(@Bind("id") long id);

    @SqlQuery(SELECT + "WHERE m.id IN (<ids>)")
    List<MessageRow> findByIds(@BindList("ids") Collection<Long> ids);

    @SqlQuery(SELECT + "WHERE m.sender_device_id = :sender AND m.client_message_id = :clientMessageId")
    Optional<MessageRow> findByClientMessageId(@Bind("sender") String sender, @Bind("clientMessageId") String clientMessageId);

    @SqlQuery(PAGE_LATEST)
    List<MessageRow> latest(@Bind("session") long session, @Bind("limit") int limit);

    @SqlQuery(PAGE_BEFORE)
    List<MessageRow> before(@Bind("session") long session, @Bind("id") long id, @Bind("limit") int limit);

    @SqlQuery(PAGE_AFTER)
    List<MessageRow> after(@Bind("session") long session, @Bind("id") long id, @Bind("limit") int limit);

    /** One receipt row per (message, device); a status never moves back from READ. */
    @SqlUpdate("INSERT INTO message_receipts (message_id, device_id, status, updated_at) VALUES (:messageId, :deviceId, :status, :at) "
            + "ON DUPLICATE KEY UPDATE status = CASE WHEN status = 'READ' THEN 'READ' ELSE :status END, updated_at = :at")
    void upsertReceipt(@Bind("messageId") long messageId, @Bind("deviceId") String deviceId, @Bind("status") String status,
                       @Bind("at") long at);

    @SqlUpdate("UPDATE dm_messages SET delivery_state = :deliveryState, delivered_at = :deliveredAt, read_at = :readAt "
            + "WHERE id = :id")
    int updateDelivery(@Bind("id") long id, @Bind("deliveryState") String deliveryState,
                       @Bind("deliveredAt") Long deliveredAt, @Bind("readAt") Long readAt);

    @SqlQuery(LAST_MESSAGES)
    List<MessageRow> lastMessages(@BindList("sessions") Collection<Long> sessions);

    @SqlQuery(UNREAD_COUNTS)
    List<UnreadRow> unreadCounts(@Bind("recipient") String recipient, @BindList("sessions") Collection<Long> sessions);
}
