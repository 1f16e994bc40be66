package io.convro.adapter.persistence.retention;

import io.convro.adapter.persistence.InLists;
import java.util.Collection;
import java.util.List;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindList;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * The statements of retention. Each batch is first found by a read that takes no locks, then deleted by primary key
 * (so a delete locks exactly the rows it removes, never a range a sender inserts into), and the age is checked again
 * in the delete itself.
 */
@RegisterConstructorMapper(AgedRow.class)
interface ExpiredDataDao {
    /** The oldest messages by primary key (ids grow with time): the purge walks from here and stops at a young one. */
    @SqlQuery("SELECT id, server_timestamp FROM dm_messages ORDER BY id LIMIT :limit")
    List<AgedRow> oldestMessages(@Bind("limit") int limit);

    @SqlUpdate("DELETE FROM message_receipts WHERE message_id IN (<ids>)")
    int deleteReceiptsOfIn(@BindList("ids") Collection<Long> messageIds);

    default int deleteReceiptsOf(Collection<Long> messageIds) {
        return deleteReceiptsOfIn(InLists.padded(messageIds));
    }

    @SqlUpdate("DELETE FROM dm_messages WHERE id IN (<ids>) AND server_timestamp < :cutoff")
    int deleteMessagesIn(@BindList("ids") Collection<Long> ids, @Bind("cutoff") long cutoff);

    default int deleteMessages(Collection<Long> ids, long cutoff) {
        return deleteMessagesIn(InLists.padded(ids), cutoff);
    }

    @SqlQuery("SELECT id, server_timestamp FROM group_messages ORDER BY id LIMIT :limit")
    List<AgedRow> oldestGroupMessages(@Bind("limit") int limit);

    @SqlUpdate("DELETE FROM group_messages WHERE id IN (<ids>) AND server_timestamp < :cutoff")
    int deleteGroupMessagesIn(@BindList("ids") Collection<Long> ids, @Bind("cutoff") long cutoff);

    default int deleteGroupMessages(Collection<Long> ids, long cutoff) {
        return deleteGroupMessagesIn(InLists.padded(ids), cutoff);
    }

    @SqlQuery("SELECT jti FROM refresh_tokens WHERE expires_at < :cutoff ORDER BY expires_at LIMIT :limit")
    List<String> expiredTokens(@Bind("cutoff") long cutoff, @Bind("limit") int limit);

    @SqlUpdate("DELETE FROM refresh_tokens WHERE jti IN (<jtis>) AND expires_at < :cutoff")
    int deleteTokensIn(@BindList("jtis") Collection<String> jtis, @Bind("cutoff") long cutoff);

    default int deleteTokens(Collection<String> jtis, long cutoff) {
        return deleteTokensIn(InLists.padded(jtis), cutoff);
    }

    @SqlQuery("SELECT id FROM one_time_prekeys WHERE consumed_at < :cutoff ORDER BY consumed_at LIMIT :limit")
    List<Long> consumedPrekeys(@Bind("cutoff") long cutoff, @Bind("limit") int limit);

    @SqlUpdate("DELETE FROM one_time_prekeys WHERE id IN (<ids>) AND consumed_at < :cutoff")
    int deletePrekeysIn(@BindList("ids") Collection<Long> ids, @Bind("cutoff") long cutoff);

    default int deletePrekeys(Collection<Long> ids, long cutoff) {
        return deletePrekeysIn(InLists.padded(ids), cutoff);
    }
}
