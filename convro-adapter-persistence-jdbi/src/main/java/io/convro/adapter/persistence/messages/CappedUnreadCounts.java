package io.convro.adapter.persistence.messages;

import io.convro.adapter.persistence.InLists;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jdbi.v3.core.Handle;

/**
 * Unread counts that stop counting: per session, the messages to the recipient that are not READ, of which at most
 * {@code atMost} are read from {@code ix_dm_messages_unread} (recipient, session, state). One sub-query per
 * session, each a range on that index with its own LIMIT, joined by UNION ALL: a single GROUP BY over all sessions
 * would have to read every unread row (100,000 for a device that never reads). {@code delivery_state IN (…)} rather
 * than {@code <> 'READ'}, so that the range covers the unread states only; {@code <unreadIndex>} (FORCE INDEX on MariaDB)
 * so that the range, not ref access on (recipient, session) that would wade through READ rows, is what runs. A session
 * with no unread message gives no line.
 */
final class CappedUnreadCounts {
    private CappedUnreadCounts() {
    }

    /** The query for {@code sessions} sessions, bound by {@link #bind}. */
    static String sql(int sessions) {
        StringBuilder sql = new StringBuilder();
        for (int i = 0; i < sessions; i++) {
            if (i > 0) {
                sql.append(" UNION ALL ");
            }
            sql.append("SELECT u").append(i).append(".session_db_id, COUNT(*) AS unread FROM (SELECT session_db_id "
                    + "FROM dm_messages <unreadIndex> WHERE recipient_device_id = :recipient AND session_db_id = :s").append(i)
                    .append(" AND delivery_state IN ('PENDING', 'DELIVERED') LIMIT :atMost) u").append(i)
                    .append(" GROUP BY u").append(i).append(".session_db_id");
        }
        return sql.toString();
    }

    /**
     * The unread counts of {@code sessions} for {@code recipient}, none above {@code atMost}. The list is padded
     * (InLists: the last session repeated) so that the statement has one of a few texts; a repeated session's line
     * is kept once.
     */
    static List<UnreadRow> count(Handle handle, String recipient, List<Long> sessions, int atMost) {
        List<Long> padded = InLists.padded(sessions);
        var query = handle.createQuery(sql(padded.size())).bind("recipient", recipient).bind("atMost", atMost);
        for (int i = 0; i < padded.size(); i++) {
            query.bind("s" + i, padded.get(i).longValue());
        }
        Set<Long> seen = new HashSet<>();
        return query.map((row, context) -> new UnreadRow(row.getLong("session_db_id"), row.getInt("unread"))).stream()
                .filter(unread -> seen.add(unread.sessionDbId())).toList();
    }
}
