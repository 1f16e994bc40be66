package io.convro.adapter.persistence.groups;

import io.convro.adapter.persistence.Conflicts;
import io.convro.adapter.persistence.Handles;
import io.convro.adapter.persistence.Millis;
import io.convro.application.groups.DuplicateGroupIdException;
import io.convro.application.groups.GroupHistoryPage;
import io.convro.application.groups.GroupStore;
import io.convro.application.groups.GroupSummary;
import io.convro.application.groups.LastGroupMessage;
import io.convro.application.messages.DuplicateClientMessageIdException;
import io.convro.application.messages.HistoryCursor;
import io.convro.domain.device.DeviceId;
import io.convro.domain.group.EncryptedTitle;
import io.convro.domain.group.Group;
import io.convro.domain.group.GroupId;
import io.convro.domain.group.GroupKind;
import io.convro.domain.group.GroupMember;
import io.convro.domain.group.GroupMembership;
import io.convro.domain.group.GroupMessage;
import io.convro.domain.group.GroupRole;
import io.convro.domain.group.MembershipOutcome;
import io.convro.domain.message.ClientMessageId;
import io.convro.domain.message.MessageId;
import io.convro.domain.user.UserId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * {@link GroupStore} on {@code groups}, {@code group_members} and {@code group_messages}. A group and its members are
 * written in one transaction, members in one batch; a group message is one row; a membership change locks the group
 * row ({@code SELECT … FOR UPDATE}) so that concurrent changes decide one after the other.
 */
public final class JdbiGroups implements GroupStore {
    private final Handles handles;

    public JdbiGroups(Handles handles) {
        this.handles = handles;
    }

    @Override
    public Optional<Group> findGroup(GroupId id) {
        return handles.withDao(GroupDao.class, dao -> dao.findGroup(id.value()).map(row -> withMembers(dao, row)));
    }

    @Override
    public Optional<Group> findGroupForChange(GroupId id) {
        return handles.withDao(GroupDao.class, dao -> dao.lockGroup(id.value()).map(row -> withMembers(dao, row)));
    }

    @Override
    public Optional<GroupMembership> findMembership(GroupId id, UserId user) {
        return handles.withDao(GroupDao.class, dao -> dao.membership(id.value(), user.value())).map(MembershipRow::toDomain);
    }

    @Override
    public List<GroupId> groupIdsOf(UserId user) {
        return handles.withDao(GroupDao.class, dao -> dao.groupIdsOf(user.value())).stream().map(GroupId::parse).toList();
    }

    @Override
    public void insertGroup(Group group) {
        GroupRow row = GroupRow.of(group);
        List<GroupMemberRow> members = group.members().stream().map(member -> GroupMemberRow.of(row.groupId(), member)).toList();
        Conflicts.translate(() -> handles.inTransaction(() -> handles.withDao(GroupDao.class, dao -> {
            dao.insertGroup(row);
            dao.insertMembers(members);
            return null;
        })), Map.of("uq_groups_group_id", DuplicateGroupIdException::new));
    }

    @Override
    public void saveMembershipChange(MembershipOutcome outcome) {
        String groupId = outcome.group().id().value();
        handles.inTransaction(() -> handles.withDao(GroupDao.class, dao -> {
            if (!outcome.removed().isEmpty()) {
                dao.deleteMembers(groupId, outcome.removed().stream().map(UserId::value).toList());
            }
            if (!outcome.added().isEmpty()) {
                dao.insertMembers(outcome.added().stream().map(member -> GroupMemberRow.of(groupId, member)).toList());
            }
            if (!outcome.roleChanged().isEmpty()) {
                dao.updateRoles(outcome.roleChanged().stream().map(member -> GroupMemberRow.of(groupId, member)).toList());
            }
            return null;
        }));
    }

    @Override
    public GroupMessage insertGroupMessage(GroupMessage message) {
        GroupMessageRow row = GroupMessageRow.of(message);
        long id = Conflicts.translate(() -> handles.withDao(GroupDao.class, dao -> dao.insertMessage(row)),
                Map.of("uq_group_messages_client_message_id", DuplicateClientMessageIdException::new));
        return message.withId(MessageId.of(id));
    }

    @Override
    public Optional<GroupMessage> findGroupMessageByClientMessageId(GroupId group, DeviceId sender, ClientMessageId clientMessageId) {
        return handles.withDao(GroupDao.class, dao -> dao.findByClientMessageId(group.value(), sender.value(), clientMessageId.value()))
                .map(GroupMessageRow::toDomain);
    }

    @Override
    public GroupHistoryPage groupPage(GroupId group, Instant visibleSince, HistoryCursor cursor, int limit, long maxCiphertextBytes) {
        Objects.requireNonNull(cursor);
        long since = Millis.of(visibleSince);
        List<GroupPageEntryRow> entries = handles.withDao(GroupDao.class, dao -> {
            if (cursor instanceof HistoryCursor.Before before) {
                return dao.before(group.value(), since, before.id().value(), limit + 1);
            }
            if (cursor instanceof HistoryCursor.After after) {
                return dao.after(group.value(), since, after.id().value(), limit + 1);
            }
            if (cursor instanceof HistoryCursor.First) {
                return dao.after(group.value(), since, 0, limit + 1); // ids start at 1
            }
            return dao.latest(group.value(), since, limit + 1);
        });
        int fit = 0;
        long bytes = 0;
        while (fit < Math.min(limit, entries.size())) {
            bytes += entries.get(fit).ciphertextBytes();
            if (fit > 0 && bytes > maxCiphertextBytes) {
                break;
            }
            fit++;
        }
        List<Long> ids = entries.subList(0, fit).stream().map(GroupPageEntryRow::id).toList();
        Map<Long, GroupMessage> rows = ids.isEmpty() ? Map.of()
                : handles.withDao(GroupDao.class, dao -> dao.findMessages(ids)).stream()
                        .collect(Collectors.toMap(GroupMessageRow::id, GroupMessageRow::toDomain));
        // in the page's order
        List<GroupMessage> page = ids.stream().map(rows::get).filter(Objects::nonNull).toList();
        return new GroupHistoryPage(page, fit < entries.size());
    }

    @Override
    public Optional<GroupMessage> findGroupMessage(GroupId group, MessageId id) {
        return handles.withDao(GroupDao.class, dao -> dao.findMessage(group.value(), id.value())).map(GroupMessageRow::toDomain);
    }

    @Override
    public void advanceReadPointer(GroupId group, UserId member, MessageId upTo) {
        handles.withDao(GroupDao.class, dao -> dao.advanceReadPointer(group.value(), member.value(), upTo.value()));
    }

    /** {@inheritDoc} One query for the list, then one capped count per group (each reads at most {@code unreadCap} entries). */
    @Override
    public List<GroupSummary> groupsOf(UserId user, int unreadCap) {
        return handles.withDao(GroupDao.class, dao -> {
            List<GroupSummary> summaries = new ArrayList<>();
            for (GroupListRow row : dao.groupsOf(user.value())) {
                int unread = dao.unread(row.groupId(), user.value(), row.readUpTo() == null ? 0 : row.readUpTo(),
                        row.joinedAt(), unreadCap);
                LastGroupMessage last = row.lastId() == null ? null : new LastGroupMessage(MessageId.of(row.lastId()),
                        UserId.of(row.lastSenderUserId()), Millis.toInstant(row.lastAt()));
                summaries.add(new GroupSummary(GroupId.parse(row.groupId()), GroupKind.valueOf(row.kind()),
                        GroupRole.valueOf(row.role()), row.encryptedTitle() == null ? null : EncryptedTitle.of(row.encryptedTitle()),
                        row.memberCount(), last, unread, Millis.toInstant(row.createdAt())));
            }
            summaries.sort(Comparator.comparing(GroupSummary::lastActivity)
                    .thenComparing(summary -> summary.groupId().value()).reversed());
            return List.copyOf(summaries);
        });
    }

    private static Group withMembers(GroupDao dao, GroupRow row) {
        return row.toDomain(dao.members(row.groupId()).stream().map(GroupMemberRow::toDomain).toList());
    }

}
