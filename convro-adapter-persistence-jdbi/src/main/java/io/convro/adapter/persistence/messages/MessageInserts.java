package io.convro.adapter.persistence.messages;

import io.convro.adapter.persistence.Conflicts;
import io.convro.application.messages.DuplicateClientMessageIdException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.SqlStatement;

/**
 * The statements of the send path. One message: an INSERT … SELECT on JDBI's core API that stores it only if its
 * session is ACTIVE. Several: one multi-row INSERT … VALUES whose first row takes its session id from one sub-select
 * that counts which of the batch's sessions are ACTIVE: unless all of them are, it yields NULL, which the NOT NULL
 * column refuses, and the whole statement fails (the caller then writes the messages one by one, so that each
 * sender hears of its own session). The other rows carry their session id as a value, and the foreign keys to the
 * session's two devices hold for every row as for any insert. One guard per statement instead of a sub-select per
 * row: the per-row sub-selects were a fifth of MariaDB's time per stored message. A multi-row VALUES insert is a
 * "simple insert": its ids are consecutive on MySQL and MariaDB whatever the auto-increment lock mode, and come
 * back in row order.
 *
 * <p>The multi-row statement is bound with plain JDBC on the handle's connection, positionally: it carries up to
 * 64 × 12 values, and binding them by name through JDBI (argument factories, qualified types, the statement
 * context) was a fifth of the writer thread's time in a profile, time every message in the batch waits for.
 */
final class MessageInserts {
    static final String COLUMNS = "session_db_id, sender_user_id, sender_device_id, recipient_device_id, ciphertext, "
            + "auth_tag, client_message_id, client_timestamp, server_timestamp, delivery_state, delivered_at, read_at";
    static final String VALUES = ":sessionDbId, :senderUserId, :senderDeviceId, :recipientDeviceId, :ciphertext, "
            + ":authTag, :clientMessageId, :clientTimestamp, :serverTimestamp, :deliveryState, :deliveredAt, :readAt";
    static final String INSERT = "INSERT INTO dm_messages (" + COLUMNS + ") VALUES (" + VALUES + ")";
    static final String INSERT_IF_ACTIVE = "INSERT INTO dm_messages (" + COLUMNS + ") SELECT " + VALUES
            + " FROM dm_sessions WHERE id = :sessionDbId AND state = 'ACTIVE'";
    private static final int COLUMN_COUNT = COLUMNS.split(", ").length;
    private static final String[] GENERATED_ID = {"id"};
    private static final ConcurrentHashMap<Integer, String> MULTI_ROW = new ConcurrentHashMap<>();

    private static final Map<String, Supplier<? extends RuntimeException>> DUPLICATE =
            Map.of("uq_dm_messages_client_message_id", DuplicateClientMessageIdException::new);

    private MessageInserts() {
    }

    /** The new message's id, or empty when its session is not ACTIVE (nothing stored). */
    static Optional<Long> insertIfActive(Handle handle, MessageRow row) {
        return Conflicts.translate(() -> bind(handle.createUpdate(INSERT_IF_ACTIVE), row)
                .executeAndReturnGeneratedKeys("id").mapTo(Long.class).findOne(), DUPLICATE);
    }

    /**
     * Store every row in one statement if every row's session is ACTIVE and no clientMessageId repeats: their ids,
     * in row order. Empty, and nothing stored, when any row was refused.
     */
    static Optional<List<Long>> insertAll(Handle handle, List<MessageRow> rows) {
        String sql = MULTI_ROW.computeIfAbsent(rows.size(), MessageInserts::multiRow);
        try (PreparedStatement insert = handle.getConnection().prepareStatement(sql, GENERATED_ID)) {
            int parameter = bindGuard(insert, rows);
            for (int i = 0; i < rows.size(); i++) {
                parameter = bind(insert, rows.get(i), parameter, i > 0);
            }
            insert.executeUpdate();
            List<Long> ids = new ArrayList<>(rows.size());
            try (ResultSet keys = insert.getGeneratedKeys()) {
                while (keys.next()) {
                    ids.add(keys.getLong(1));
                }
            }
            return Optional.of(ids);
        } catch (SQLException refused) {
            if (isIntegrityViolation(refused)) {
                return Optional.empty();
            }
            throw new StatementFailed(refused);
        }
    }

    /** A failure of a statement bound here, as JDBI would have thrown it: unchecked, the SQLException its cause. */
    static final class StatementFailed extends RuntimeException {
        StatementFailed(SQLException cause) {
            super("storing a batch of messages failed", cause);
        }
    }

    /**
     * {@code rows} rows; the first one's session id is the guard: it is that id only if as many of the listed
     * sessions are ACTIVE as the batch has distinct sessions, else NULL (refused by NOT NULL). The list always has
     * one entry per row, so that each batch size is one statement text (see {@link BatchSizes}).
     */
    private static String multiRow(int rows) {
        StringBuilder sql = new StringBuilder("INSERT INTO dm_messages (").append(COLUMNS).append(") VALUES (")
                .append("(SELECT CASE WHEN COUNT(*) = ? THEN ? END FROM dm_sessions WHERE id IN (")
                .append("?, ".repeat(rows - 1)).append("?) AND state = 'ACTIVE')");
        for (int i = 0; i < rows; i++) {
            sql.append(i == 0 ? "" : ", (?").append(", ?".repeat(COLUMN_COUNT - 1)).append(')');
        }
        return sql.toString();
    }

    /** The guard's values: how many distinct sessions, the first row's session id, every row's session id. */
    private static int bindGuard(PreparedStatement insert, List<MessageRow> rows) throws SQLException {
        long distinct = rows.stream().mapToLong(MessageRow::sessionDbId).distinct().count();
        insert.setLong(1, distinct);
        insert.setLong(2, rows.get(0).sessionDbId());
        int p = 3;
        for (MessageRow row : rows) {
            insert.setLong(p++, row.sessionDbId());
        }
        return p;
    }

    /**
     * One row's values from {@code parameter} on, in {@link #COLUMNS} order, its session id only if
     * {@code sessionId} (the first row's comes from the guard); the next free parameter index.
     */
    private static int bind(PreparedStatement insert, MessageRow row, int parameter, boolean sessionId) throws SQLException {
        int p = parameter;
        if (sessionId) {
            insert.setLong(p++, row.sessionDbId());
        }
        insert.setLong(p++, row.senderUserId());
        insert.setString(p++, row.senderDeviceId());
        insert.setString(p++, row.recipientDeviceId());
        insert.setBytes(p++, row.ciphertext());
        insert.setBytes(p++, row.authTag());
        setNullable(insert, p++, row.clientMessageId(), Types.VARCHAR);
        setNullable(insert, p++, row.clientTimestamp(), Types.BIGINT);
        insert.setLong(p++, row.serverTimestamp());
        insert.setString(p++, row.deliveryState());
        setNullable(insert, p++, row.deliveredAt(), Types.BIGINT);
        setNullable(insert, p++, row.readAt(), Types.BIGINT);
        return p;
    }

    private static void setNullable(PreparedStatement insert, int parameter, Object value, int sqlType) throws SQLException {
        if (value == null) {
            insert.setNull(parameter, sqlType);
        } else {
            insert.setObject(parameter, value, sqlType);
        }
    }

    private static boolean isIntegrityViolation(Throwable failure) {
        for (Throwable cause = failure; cause != null && cause != cause.getCause(); cause = cause.getCause()) {
            if (cause instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("23")) {
                return true;
            }
        }
        return false;
    }

    private static <S extends SqlStatement<S>> S bind(S statement, MessageRow row) {
        return statement.bind("sessionDbId", row.sessionDbId())
                .bind("senderUserId", row.senderUserId())
                .bind("senderDeviceId", row.senderDeviceId())
                .bind("recipientDeviceId", row.recipientDeviceId())
                .bind("ciphertext", row.ciphertext())
                .bind("authTag", row.authTag())
                .bind("clientMessageId", row.clientMessageId())
                .bind("clientTimestamp", row.clientTimestamp())
                .bind("serverTimestamp", row.serverTimestamp())
                .bind("deliveryState", row.deliveryState())
                .bind("deliveredAt", row.deliveredAt())
                .bind("readAt", row.readAt());
    }
}
