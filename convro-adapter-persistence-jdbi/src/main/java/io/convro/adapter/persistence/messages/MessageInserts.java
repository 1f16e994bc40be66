package io.convro.adapter.persistence.messages;

import io.convro.adapter.persistence.Conflicts;
import io.convro.application.messages.DuplicateClientMessageIdException;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.SqlStatement;
import org.jdbi.v3.core.statement.Update;

/**
 * The statements of the send path, on JDBI's core API with the values bound one by one: no SqlObject to attach
 * and no reflection per call. One message: an INSERT … SELECT that stores it only if its session is ACTIVE.
 * Several: one multi-row INSERT … VALUES whose every row takes its session id from a sub-select of that session
 * if ACTIVE, so a row whose session is not ACTIVE would be NULL and fails the whole statement (the caller then
 * writes them one by one). A multi-row VALUES insert is a "simple insert": its ids are consecutive on MySQL and
 * MariaDB whatever the auto-increment lock mode, and come back in row order.
 */
final class MessageInserts {
    static final String COLUMNS = "session_db_id, sender_user_id, sender_device_id, recipient_device_id, ciphertext, "
            + "auth_tag, client_message_id, client_timestamp, server_timestamp, delivery_state, delivered_at, read_at";
    static final String VALUES = ":sessionDbId, :senderUserId, :senderDeviceId, :recipientDeviceId, :ciphertext, "
            + ":authTag, :clientMessageId, :clientTimestamp, :serverTimestamp, :deliveryState, :deliveredAt, :readAt";
    static final String INSERT = "INSERT INTO dm_messages (" + COLUMNS + ") VALUES (" + VALUES + ")";
    static final String INSERT_IF_ACTIVE = "INSERT INTO dm_messages (" + COLUMNS + ") SELECT " + VALUES
            + " FROM dm_sessions WHERE id = :sessionDbId AND state = 'ACTIVE'";
    private static final String[] COLUMN_NAMES = COLUMNS.split(", ");
    private static final String[] PARAMETERS = VALUES.split(", ");
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
        Update insert = handle.createUpdate(MULTI_ROW.computeIfAbsent(rows.size(), MessageInserts::multiRow));
        for (int i = 0; i < rows.size(); i++) {
            bind(insert, rows.get(i), Integer.toString(i));
        }
        try {
            return Optional.of(insert.executeAndReturnGeneratedKeys("id").mapTo(Long.class).list());
        } catch (RuntimeException refused) {
            if (isIntegrityViolation(refused)) {
                return Optional.empty();
            }
            throw refused;
        }
    }

    /** The rows' session ids from sub-selects that yield NULL (refused by NOT NULL) unless the session is ACTIVE. */
    private static String multiRow(int rows) {
        StringBuilder sql = new StringBuilder("INSERT INTO dm_messages (").append(COLUMNS).append(") VALUES ");
        for (int i = 0; i < rows; i++) {
            sql.append(i == 0 ? "(" : ", (").append("(SELECT s.id FROM dm_sessions s WHERE s.id = :sessionDbId").append(i)
                    .append(" AND s.state = 'ACTIVE')");
            for (int column = 1; column < PARAMETERS.length; column++) {
                sql.append(", ").append(PARAMETERS[column]).append(i);
            }
            sql.append(')');
        }
        return sql.toString();
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
        return bind(statement, row, "");
    }

    private static <S extends SqlStatement<S>> S bind(S statement, MessageRow row, String suffix) {
        return statement.bind("sessionDbId" + suffix, row.sessionDbId())
                .bind("senderUserId" + suffix, row.senderUserId())
                .bind("senderDeviceId" + suffix, row.senderDeviceId())
                .bind("recipientDeviceId" + suffix, row.recipientDeviceId())
                .bind("ciphertext" + suffix, row.ciphertext())
                .bind("authTag" + suffix, row.authTag())
                .bind("clientMessageId" + suffix, row.clientMessageId())
                .bind("clientTimestamp" + suffix, row.clientTimestamp())
                .bind("serverTimestamp" + suffix, row.serverTimestamp())
                .bind("deliveryState" + suffix, row.deliveryState())
                .bind("deliveredAt" + suffix, row.deliveredAt())
                .bind("readAt" + suffix, row.readAt());
    }
}
