package io.convro.adapter.persistence.groups;

import io.convro.adapter.persistence.InLists;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindList;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.GetGeneratedKeys;
import org.jdbi.v3.sqlobject.statement.SqlBatch;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

@RegisterConstructorMapper(GroupRow.class)
@RegisterConstructorMapper(GroupMemberRow.class)
@RegisterConstructorMapper(MembershipRow.class)
@RegisterConstructorMapper(GroupMessageRow.class)
@RegisterConstructorMapper(GroupListRow.class)
@RegisterConstructorMapper(GroupPageEntryRow.class)
interface GroupDao {
    String GROUP_COLUMNS = "group_id, kind, encrypted_title, created_at";
    String MESSAGE_COLUMNS = "id, group_id, sender_user_id, sender_device_id, sender_key_id, ciphertext, auth_tag, "
            + "client_message_id, client_timestamp, server_timestamp";
    // A history page reads its entries' ids and sizes first (ix_group_messages_group: a range on (group_id, id) that
    // stops after :limit entries), then only the rows that fit the page's byte budget, by id, as a DM page does.
    // ORDER BY names group_id too (a constant here) so that H2 reads the index in order instead of sorting the range.
    String SIZES_OF = "SELECT id, OCTET_LENGTH(ciphertext) AS ciphertext_bytes FROM group_messages "
            + "WHERE group_id = :group AND server_timestamp >= :since ";
    String SIZES_LATEST = SIZES_OF + "ORDER BY group_id DESC, id DESC LIMIT :limit";
    String SIZES_BEFORE = SIZES_OF + "AND id < :id ORDER BY group_id DESC, id DESC LIMIT :limit";
    String SIZES_AFTER = SIZES_OF + "AND id > :id ORDER BY group_id, id LIMIT :limit";
    // The group list: per membership of the user, the group, the member count and the newest message it may see (one
    // entry of ix_group_messages_group read backwards, then that row by primary key).
    String GROUPS_OF = "SELECT a.group_id, a.kind, a.encrypted_title, a.created_at, a.role, a.joined_at, a.read_up_to, "
            + "(SELECT COUNT(*) FROM group_members c WHERE c.group_id = a.group_id) AS member_count, "
            + "x.id AS last_id, x.sender_user_id AS last_sender_user_id, x.server_timestamp AS last_at "
            + "FROM (SELECT DISTINCT g.group_id, g.kind, g.encrypted_title, g.created_at, m.role, m.joined_at, m.read_up_to, "
            + "(SELECT y.id FROM group_messages y WHERE y.group_id = m.group_id AND y.server_timestamp >= m.joined_at "
            + "ORDER BY y.group_id DESC, y.id DESC LIMIT 1) AS last_id "
            + "FROM group_members m JOIN `groups` g ON g.group_id = m.group_id WHERE m.user_id = :user) a "
            + "LEFT JOIN group_messages x ON x.id = a.last_id";
    // Unread: the visible messages after the read pointer that others sent, counted no further than :cap rows.
    String UNREAD = "SELECT COUNT(*) FROM (SELECT id FROM group_messages WHERE group_id = :group AND id > :after "
            + "AND server_timestamp >= :since AND sender_user_id <> :user ORDER BY group_id, id LIMIT :cap) t";

    @SqlUpdate("INSERT INTO `groups` (" + GROUP_COLUMNS + ") VALUES (:groupId, :kind, :encryptedTitle, :createdAt)")
    void insertGroup(@BindMethods GroupRow row);

    @SqlBatch("INSERT INTO group_members (group_id, user_id, role, joined_at, read_up_to) "
            + "VALUES (:groupId, :userId, :role, :joinedAt, NULL)")
    void insertMembers(@BindMethods Collection<GroupMemberRow> rows);

    @SqlBatch("DELETE FROM group_members WHERE group_id = :groupId AND user_id = :userId")
    void deleteMembers(@Bind("groupId") String groupId, @Bind("userId") Collection<Long> userIds);

    @SqlBatch("UPDATE group_members SET role = :role WHERE group_id = :groupId AND user_id = :userId")
    void updateRoles(@BindMethods Collection<GroupMemberRow> rows);

    @SqlQuery("SELECT " + GROUP_COLUMNS + " FROM `groups` WHERE group_id = :groupId")
    Optional<GroupRow> findGroup(@Bind("groupId") String groupId);

    @SqlQuery("SELECT " + GROUP_COLUMNS + " FROM `groups` WHERE group_id = :groupId FOR UPDATE")
    Optional<GroupRow> lockGroup(@Bind("groupId") String groupId);

    @SqlQuery("SELECT group_id, user_id, role, joined_at FROM group_members WHERE group_id = :groupId ORDER BY id")
    List<GroupMemberRow> members(@Bind("groupId") String groupId);

    @SqlQuery("SELECT g.group_id, g.kind, m.user_id, m.role, m.joined_at FROM group_members m "
            + "JOIN `groups` g ON g.group_id = m.group_id WHERE m.group_id = :groupId AND m.user_id = :userId")
    Optional<MembershipRow> membership(@Bind("groupId") String groupId, @Bind("userId") long userId);

    @SqlQuery("SELECT group_id FROM group_members WHERE user_id = :userId ORDER BY id")
    List<String> groupIdsOf(@Bind("userId") long userId);

    @SqlUpdate("INSERT INTO group_messages (group_id, sender_user_id, sender_device_id, sender_key_id, ciphertext, auth_tag, "
            + "client_message_id, client_timestamp, server_timestamp) VALUES (:groupId, :senderUserId, :senderDeviceId, "
            + ":senderKeyId, :ciphertext, :authTag, :clientMessageId, :clientTimestamp, :serverTimestamp)")
    @GetGeneratedKeys("id")
    long insertMessage(@BindMethods GroupMessageRow row);

    @SqlQuery("SELECT " + MESSAGE_COLUMNS + " FROM group_messages WHERE group_id = :groupId "
            + "AND sender_device_id = :sender AND client_message_id = :clientMessageId")
    Optional<GroupMessageRow> findByClientMessageId(@Bind("groupId") String groupId, @Bind("sender") String sender,
                                                   @Bind("clientMessageId") String clientMessageId);

    @SqlQuery("SELECT " + MESSAGE_COLUMNS + " FROM group_messages WHERE group_id = :groupId AND id = :id")
    Optional<GroupMessageRow> findMessage(@Bind("groupId") String groupId, @Bind("id") long id);

    @SqlQuery("SELECT " + MESSAGE_COLUMNS + " FROM group_messages WHERE id IN (<ids>)")
    List<GroupMessageRow> findMessagesIn(@BindList("ids") Collection<Long> ids);

    /** Group messages by id (an IN list of a few lengths only: see InLists). */
    default List<GroupMessageRow> findMessages(Collection<Long> ids) {
        return findMessagesIn(InLists.padded(ids));
    }

    @SqlQuery(SIZES_LATEST)
    List<GroupPageEntryRow> latest(@Bind("group") String group, @Bind("since") long since, @Bind("limit") int limit);

    @SqlQuery(SIZES_BEFORE)
    List<GroupPageEntryRow> before(@Bind("group") String group, @Bind("since") long since, @Bind("id") long id,
                                   @Bind("limit") int limit);

    @SqlQuery(SIZES_AFTER)
    List<GroupPageEntryRow> after(@Bind("group") String group, @Bind("since") long since, @Bind("id") long id,
                                  @Bind("limit") int limit);

    /** Forward only, in one statement: two readers racing leave the further pointer. */
    @SqlUpdate("UPDATE group_members SET read_up_to = :upTo WHERE group_id = :groupId AND user_id = :userId "
            + "AND (read_up_to IS NULL OR read_up_to < :upTo)")
    int advanceReadPointer(@Bind("groupId") String groupId, @Bind("userId") long userId, @Bind("upTo") long upTo);

    @SqlQuery(GROUPS_OF)
    List<GroupListRow> groupsOf(@Bind("user") long user);

    @SqlQuery(UNREAD)
    int unread(@Bind("group") String group, @Bind("user") long user, @Bind("after") long after, @Bind("since") long since,
               @Bind("cap") int cap);
}
