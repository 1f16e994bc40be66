package io.convro.adapter.inmemory.groups;

import io.convro.adapter.inmemory.InMemoryDatabase;
import io.convro.adapter.inmemory.Table;
import io.convro.adapter.inmemory.devices.InMemoryDevices;
import io.convro.adapter.inmemory.users.InMemoryUsers;
import io.convro.application.groups.DuplicateGroupIdException;
import io.convro.application.groups.GroupHistoryPage;
import io.convro.application.groups.GroupStore;
import io.convro.application.groups.GroupSummary;
import io.convro.application.groups.LastGroupMessage;
import io.convro.application.messages.DuplicateClientMessageIdException;
import io.convro.application.messages.HistoryCursor;
import io.convro.domain.device.DeviceId;
import io.convro.domain.group.Group;
import io.convro.domain.group.GroupId;
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
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The tables {@code groups}, {@code group_members} and {@code group_messages}. Message ids come from a sequence that
 * only grows; (group, user) and (group, sender device, clientMessageId) are unique; exactly one OWNER per group is
 * checked on every write, as the database's constraints and the aggregate together guarantee. As foreign keys would,
 * it refuses with {@link IllegalStateException} (a bug) a member or sender that is no user, a sending device that is
 * not the sender's, and a message or pointer for a group that does not exist.
 */
public final class InMemoryGroups implements GroupStore {
    private final InMemoryDatabase database;
    private final InMemoryUsers users;
    private final InMemoryDevices devices;
    private final Table<GroupId, GroupRow> groups;
    private final Table<MemberKey, MemberRow> members;
    private final Table<MessageId, GroupMessage> messages;
    private final Table<GroupClientMessageId, MessageId> byClientMessageId;
    private long lastMessageId;

    public InMemoryGroups(InMemoryDatabase database, InMemoryUsers users, InMemoryDevices devices) {
        this.database = Objects.requireNonNull(database);
        this.users = Objects.requireNonNull(users);
        this.devices = Objects.requireNonNull(devices);
        this.groups = database.newTable("groups");
        this.members = database.newTable("group_members");
        this.messages = database.newTable("group_messages");
        this.byClientMessageId = database.newTable("group_messages.group_sender_client_message_id");
    }

    @Override
    public Optional<Group> findGroup(GroupId id) {
        return database.statement(() -> groups.find(id).map(this::withMembers));
    }

    /** {@inheritDoc} In memory the caller's transaction holds the whole database already. */
    @Override
    public Optional<Group> findGroupForChange(GroupId id) {
        return findGroup(id);
    }

    @Override
    public Optional<GroupMembership> findMembership(GroupId id, UserId user) {
        return database.statement(() -> groups.find(id).flatMap(group -> members.find(new MemberKey(id, user))
                .map(row -> new GroupMembership(id, group.kind(), row.member()))));
    }

    @Override
    public List<GroupId> groupIdsOf(UserId user) {
        return database.statement(() -> members.select(row -> row.member().userId().equals(user)).stream()
                .map(MemberRow::groupId).toList());
    }

    @Override
    public void insertGroup(Group group) {
        database.execute(() -> {
            if (groups.contains(group.id())) {
                throw new DuplicateGroupIdException();
            }
            groups.insert(group.id(), new GroupRow(group.id(), group.kind(), group.encryptedTitle(), group.createdAt()));
            for (GroupMember member : group.members()) {
                insertMember(group.id(), member);
            }
            requireOneOwner(group.id());
        });
    }

    @Override
    public void saveMembershipChange(MembershipOutcome outcome) {
        GroupId id = outcome.group().id();
        database.execute(() -> {
            if (!groups.contains(id)) {
                throw new IllegalStateException("foreign key: no group " + id);
            }
            for (UserId removed : outcome.removed()) {
                members.delete(new MemberKey(id, removed));
            }
            for (GroupMember added : outcome.added()) {
                insertMember(id, added);
            }
            for (GroupMember changed : outcome.roleChanged()) {
                MemberKey key = new MemberKey(id, changed.userId());
                MemberRow row = members.find(key).orElseThrow(() -> new IllegalStateException("no member " + key));
                members.update(key, new MemberRow(id, row.member().withRole(changed.role()), row.readUpTo()));
            }
            requireOneOwner(id);
        });
    }

    @Override
    public GroupMessage insertGroupMessage(GroupMessage message) {
        return database.statement(() -> {
            if (!groups.contains(message.groupId())) {
                throw new IllegalStateException("foreign key: no group " + message.groupId() + " for a message");
            }
            if (users.findById(message.senderUserId()).isEmpty()) {
                throw new IllegalStateException("foreign key: no user " + message.senderUserId() + " for a message");
            }
            if (devices.findById(message.senderDeviceId()).filter(device -> device.belongsTo(message.senderUserId())).isEmpty()) {
                throw new IllegalStateException("foreign key: device " + message.senderDeviceId() + " is not the sender's");
            }
            GroupClientMessageId clientKey = message.clientMessageId() == null ? null
                    : new GroupClientMessageId(message.groupId(), message.senderDeviceId(), message.clientMessageId());
            if (clientKey != null && byClientMessageId.contains(clientKey)) {
                throw new DuplicateClientMessageIdException();
            }
            GroupMessage stored = message.withId(MessageId.of(++lastMessageId)); // guarded by the database lock
            messages.insert(stored.id(), stored);
            if (clientKey != null) {
                byClientMessageId.insert(clientKey, stored.id());
            }
            return stored;
        });
    }

    @Override
    public Optional<GroupMessage> findGroupMessageByClientMessageId(GroupId group, DeviceId sender, ClientMessageId clientMessageId) {
        return database.statement(() -> byClientMessageId.find(new GroupClientMessageId(group, sender, clientMessageId))
                .flatMap(messages::find));
    }

    /** {@inheritDoc} A cursor id need not exist: it only bounds the page. */
    @Override
    public GroupHistoryPage groupPage(GroupId group, Instant visibleSince, HistoryCursor cursor, int limit, long maxCiphertextBytes) {
        Objects.requireNonNull(cursor);
        Predicate<GroupMessage> bound;
        Comparator<GroupMessage> order = Comparator.comparingLong(message -> message.id().value());
        if (cursor instanceof HistoryCursor.Before before) {
            bound = message -> message.id().value() < before.id().value();
            order = order.reversed();
        } else if (cursor instanceof HistoryCursor.After after) {
            bound = message -> message.id().value() > after.id().value();
        } else if (cursor instanceof HistoryCursor.First) {
            bound = message -> true;
        } else {
            bound = message -> true;
            order = order.reversed();
        }
        Predicate<GroupMessage> where = bound;
        Comparator<GroupMessage> by = order;
        List<GroupMessage> candidates = database.statement(() -> messages
                .select(message -> message.groupId().equals(group) && !message.serverTimestamp().isBefore(visibleSince)
                        && where.test(message))
                .stream().sorted(by).limit(limit + 1L).toList());
        int fit = 0;
        long bytes = 0;
        while (fit < Math.min(limit, candidates.size())) {
            bytes += candidates.get(fit).ciphertext().length();
            if (fit > 0 && bytes > maxCiphertextBytes) {
                break;
            }
            fit++;
        }
        return new GroupHistoryPage(candidates.subList(0, fit), fit < candidates.size());
    }

    /** Retention: up to {@code batch} messages older than {@code cutoff}, oldest id first (as the DM messages'). */
    public int deleteMessagesBefore(Instant cutoff, int batch) {
        return database.statement(() -> {
            int deleted = 0;
            for (GroupMessage message : messages.select(any -> true).stream()
                    .sorted(Comparator.comparing(message -> message.id().value())).toList()) {
                if (deleted == batch || !message.serverTimestamp().isBefore(cutoff)) {
                    break;
                }
                if (message.clientMessageId() != null) {
                    byClientMessageId.delete(new GroupClientMessageId(message.groupId(), message.senderDeviceId(),
                            message.clientMessageId()));
                }
                messages.delete(message.id());
                deleted++;
            }
            return deleted;
        });
    }

    @Override
    public Optional<GroupMessage> findGroupMessage(GroupId group, MessageId id) {
        return database.statement(() -> messages.find(id).filter(message -> message.groupId().equals(group)));
    }

    @Override
    public void advanceReadPointer(GroupId group, UserId member, MessageId upTo) {
        database.execute(() -> {
            MemberKey key = new MemberKey(group, member);
            MemberRow row = members.find(key).orElseThrow(() -> new IllegalStateException("foreign key: no member " + key));
            if (row.readUpTo() == null || row.readUpTo().value() < upTo.value()) {
                members.update(key, new MemberRow(group, row.member(), upTo));
            }
        });
    }

    @Override
    public List<GroupSummary> groupsOf(UserId user, int unreadCap) {
        return database.statement(() -> {
            List<GroupSummary> summaries = new ArrayList<>();
            for (MemberRow row : members.select(candidate -> candidate.member().userId().equals(user))) {
                GroupId id = row.groupId();
                GroupRow group = groups.find(id).orElseThrow();
                Instant since = row.member().joinedAt();
                List<GroupMessage> visible = messages.select(message -> message.groupId().equals(id)
                        && !message.serverTimestamp().isBefore(since));
                GroupMessage last = visible.isEmpty() ? null : visible.get(visible.size() - 1);
                long readUpTo = row.readUpTo() == null ? 0 : row.readUpTo().value();
                int unread = (int) Math.min(unreadCap, visible.stream()
                        .filter(message -> message.id().value() > readUpTo && !message.senderUserId().equals(user)).count());
                summaries.add(new GroupSummary(id, group.kind(), row.member().role(), group.encryptedTitle(),
                        members.count(member -> member.groupId().equals(id)),
                        last == null ? null : new LastGroupMessage(last.id(), last.senderUserId(), last.serverTimestamp()),
                        unread, group.createdAt()));
            }
            summaries.sort(Comparator.comparing(GroupSummary::lastActivity)
                    .thenComparing(summary -> summary.groupId().value()).reversed());
            return List.copyOf(summaries);
        });
    }

    private Group withMembers(GroupRow row) {
        List<GroupMember> of = members.select(member -> member.groupId().equals(row.id())).stream().map(MemberRow::member).toList();
        return new Group(row.id(), row.kind(), row.encryptedTitle(), row.createdAt(), of);
    }

    private void insertMember(GroupId group, GroupMember member) {
        if (users.findById(member.userId()).isEmpty()) {
            throw new IllegalStateException("foreign key: no user " + member.userId() + " for a group member");
        }
        MemberKey key = new MemberKey(group, member.userId());
        if (members.contains(key)) {
            throw new IllegalStateException("unique: " + key + " is a member already");
        }
        members.insert(key, new MemberRow(group, member, null));
    }

    private void requireOneOwner(GroupId group) {
        int owners = members.count(row -> row.groupId().equals(group) && row.member().role() == GroupRole.OWNER);
        if (owners != 1) {
            throw new IllegalStateException("group " + group + " would have " + owners + " owners");
        }
    }
}
