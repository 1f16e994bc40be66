package io.convro.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.convro.application.groups.DuplicateGroupIdException;
import io.convro.application.groups.GroupHistoryPage;
import io.convro.application.groups.GroupStore;
import io.convro.application.groups.GroupSummary;
import io.convro.application.messages.DuplicateClientMessageIdException;
import io.convro.application.messages.HistoryCursor;
import io.convro.domain.device.Device;
import io.convro.domain.device.DeviceId;
import io.convro.domain.device.Platform;
import io.convro.domain.group.EncryptedTitle;
import io.convro.domain.group.Group;
import io.convro.domain.group.GroupId;
import io.convro.domain.group.GroupKind;
import io.convro.domain.group.GroupMember;
import io.convro.domain.group.GroupMembership;
import io.convro.domain.group.GroupMessage;
import io.convro.domain.group.GroupRole;
import io.convro.domain.group.MembershipChange;
import io.convro.domain.group.MembershipOutcome;
import io.convro.domain.group.SenderKeyId;
import io.convro.domain.message.AuthTag;
import io.convro.domain.message.Ciphertext;
import io.convro.domain.message.ClientMessageId;
import io.convro.domain.message.ClientTimestamp;
import io.convro.domain.message.MessageId;
import io.convro.domain.user.ConvroNumber;
import io.convro.domain.user.User;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The repository contract of the group out-ports ({@link GroupStore}); {@link RepositoryContract} extends it, so every
 * set of stores (in-memory, H2, MariaDB) passes it unchanged.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class GroupsContract {
    private static final Instant T0 = Instant.parse("2026-12-01T08:00:00.250Z");
    private static final SenderKeyId KEY = SenderKeyId.parse("5e4de5e4de5e4de5");
    private final AtomicInteger sequence = new AtomicInteger();

    /** The stores under test; called before each test. */
    protected abstract RepositoryStores stores();

    private RepositoryStores s;
    private GroupStore groups;

    @BeforeEach
    void emptyGroupStores() {
        s = stores();
        s.reset().run();
        groups = s.groups();
    }

    @Test
    void aGroupIsStoredWithItsMembersInTheOrderTheyJoined() {
        User owner = newUser();
        User bob = newUser();
        User carol = newUser();
        Group group = Group.create(newGroupId(), GroupKind.CHANNEL, EncryptedTitle.of(new byte[] {1, 2, 3}), owner.id(),
                List.of(carol.id(), bob.id()), T0);
        groups.insertGroup(group);

        assertThat(groups.findGroup(group.id())).contains(group);
        assertThat(s.transactions().inTransaction(() -> groups.findGroupForChange(group.id()))).contains(group);
        assertThat(groups.findMembership(group.id(), carol.id()))
                .contains(new GroupMembership(group.id(), GroupKind.CHANNEL, new GroupMember(carol.id(), GroupRole.MEMBER, T0)));
        assertThat(groups.findMembership(group.id(), newUser().id())).isEmpty();
        assertThat(groups.findGroup(newGroupId())).isEmpty();
        assertThat(groups.groupIdsOf(bob.id())).containsExactly(group.id());
        Group untitled = Group.create(newGroupId(), GroupKind.GROUP, null, bob.id(), List.of(), T0);
        groups.insertGroup(untitled);
        assertThat(groups.findGroup(untitled.id())).contains(untitled);
        assertThat(groups.groupIdsOf(bob.id())).containsExactly(group.id(), untitled.id());
    }

    @Test
    void aGroupIdIsTakenOnceAndATakenOneStoresNothing() {
        User owner = newUser();
        User bob = newUser();
        Group group = Group.create(newGroupId(), GroupKind.GROUP, null, owner.id(), List.of(), T0);
        groups.insertGroup(group);
        Group twin = Group.create(group.id(), GroupKind.CHANNEL, null, bob.id(), List.of(owner.id()), T0.plusSeconds(1));

        assertThatThrownBy(() -> s.transactions().run(() -> groups.insertGroup(twin))).isInstanceOf(DuplicateGroupIdException.class);
        assertThat(groups.findGroup(group.id())).contains(group);
        assertThat(groups.groupIdsOf(bob.id())).isEmpty();
    }

    @Test
    void aMembershipChangeIsStoredAsDecided() {
        User owner = newUser();
        User bob = newUser();
        User carol = newUser();
        User dave = newUser();
        Group group = Group.create(newGroupId(), GroupKind.GROUP, null, owner.id(), List.of(bob.id(), carol.id()), T0);
        groups.insertGroup(group);

        MembershipOutcome outcome = group.change(owner.id(), new MembershipChange(Set.of(dave.id()), Set.of(bob.id()),
                Map.of(carol.id(), GroupRole.OWNER)), T0.plusSeconds(5));
        s.transactions().run(() -> groups.saveMembershipChange(outcome));

        assertThat(groups.findGroup(group.id())).contains(outcome.group());
        assertThat(groups.findGroup(group.id()).orElseThrow().owner()).isEqualTo(carol.id());
        assertThat(groups.groupIdsOf(bob.id())).isEmpty();
        assertThat(groups.findMembership(group.id(), dave.id()).orElseThrow().visibleSince()).isEqualTo(T0.plusSeconds(5));
    }

    @Test
    void retentionDeletesGroupMessagesOlderThanTheCutoffOldestFirstInBatchesAndTheirClientMessageIds() {
        User owner = newUser();
        Device phone = newDevice(owner);
        Group group = newGroup(owner);
        List<GroupMessage> sent = java.util.stream.IntStream.range(0, 4)
                .mapToObj(i -> groups.insertGroupMessage(message(group, owner, phone, "old-" + i, T0.plusSeconds(i)))).toList();
        Instant cutoff = sent.get(3).serverTimestamp(); // the first three are older, the fourth is not

        assertThat(s.expiredData().deleteGroupMessagesBefore(cutoff, 2)).isEqualTo(2);
        assertThat(s.expiredData().deleteGroupMessagesBefore(cutoff, 2)).isEqualTo(1);
        assertThat(s.expiredData().deleteGroupMessagesBefore(cutoff, 2)).isZero();

        assertThat(groups.findGroupMessage(group.id(), sent.get(0).id())).isEmpty();
        assertThat(groups.findGroupMessage(group.id(), sent.get(3).id())).contains(sent.get(3));
        assertThat(groups.findGroupMessageByClientMessageId(group.id(), phone.id(), ClientMessageId.parse("old-0"))).isEmpty();
        assertThat(groups.insertGroupMessage(message(group, owner, phone, "old-0", T0.plusSeconds(9))).id().value())
                .as("the client message id may be used again").isGreaterThan(sent.get(3).id().value());
    }

    @Test
    void aGroupMessageIsOneRowIdempotentPerGroupSenderDeviceAndClientMessageId() {
        User owner = newUser();
        Device phone = newDevice(owner);
        Group group = newGroup(owner);
        Group other = newGroup(owner);

        GroupMessage stored = groups.insertGroupMessage(message(group, owner, phone, "m-1", T0));
        assertThat(stored.id()).isNotNull();
        assertThat(groups.findGroupMessageByClientMessageId(group.id(), phone.id(), ClientMessageId.parse("m-1"))).contains(stored);
        assertThat(groups.findGroupMessage(group.id(), stored.id())).contains(stored);
        assertThat(groups.findGroupMessage(other.id(), stored.id())).as("not a message of that group").isEmpty();

        assertThatThrownBy(() -> groups.insertGroupMessage(message(group, owner, phone, "m-1", T0)))
                .isInstanceOf(DuplicateClientMessageIdException.class);
        GroupMessage elsewhere = groups.insertGroupMessage(message(other, owner, phone, "m-1", T0));
        GroupMessage withoutKey1 = groups.insertGroupMessage(message(group, owner, phone, null, T0));
        GroupMessage withoutKey2 = groups.insertGroupMessage(message(group, owner, phone, null, T0));
        assertThat(List.of(stored.id().value(), elsewhere.id().value(), withoutKey1.id().value(), withoutKey2.id().value()))
                .as("ids grow with each insert").isSorted().doesNotHaveDuplicates();
        assertThat(groups.groupPage(group.id(), T0, new HistoryCursor.Latest(), 50, Long.MAX_VALUE).messages()).hasSize(3);
    }

    @Test
    void historyPagesBothWaysAndStartsAtTheJoin() {
        User owner = newUser();
        Device phone = newDevice(owner);
        Group group = newGroup(owner);
        List<GroupMessage> sent = java.util.stream.IntStream.range(0, 6)
                .mapToObj(i -> groups.insertGroupMessage(message(group, owner, phone, "h-" + i, T0.plusSeconds(i)))).toList();
        Instant joinedAtThird = T0.plusSeconds(2);

        GroupHistoryPage latest = groups.groupPage(group.id(), joinedAtThird, new HistoryCursor.Latest(), 2, Long.MAX_VALUE);
        assertThat(latest.messages()).containsExactly(sent.get(5), sent.get(4));
        assertThat(latest.hasMore()).isTrue();
        GroupHistoryPage older = groups.groupPage(group.id(), joinedAtThird, new HistoryCursor.Before(sent.get(4).id()), 5, Long.MAX_VALUE);
        assertThat(older.messages()).containsExactly(sent.get(3), sent.get(2));
        assertThat(older.hasMore()).as("nothing before the join is visible").isFalse();
        GroupHistoryPage forward = groups.groupPage(group.id(), joinedAtThird, new HistoryCursor.After(MessageId.of(1)), 3, Long.MAX_VALUE);
        assertThat(forward.messages()).containsExactly(sent.get(2), sent.get(3), sent.get(4));
        assertThat(forward.hasMore()).isTrue();
        GroupHistoryPage first = groups.groupPage(group.id(), joinedAtThird, new HistoryCursor.First(), 3, Long.MAX_VALUE);
        assertThat(first.messages()).as("afterId=0: from the first visible message, oldest first")
                .containsExactly(sent.get(2), sent.get(3), sent.get(4));
        assertThat(first.hasMore()).isTrue();
        GroupHistoryPage budget = groups.groupPage(group.id(), T0, new HistoryCursor.Latest(), 50, 1);
        assertThat(budget.messages()).as("at least one, however small the budget").containsExactly(sent.get(5));
        assertThat(budget.hasMore()).isTrue();
    }

    @Test
    void theGroupListCountsUnreadForwardOnlyAndNeverOwnMessages() {
        User owner = newUser();
        User bob = newUser();
        Device ownerPhone = newDevice(owner);
        Device bobPhone = newDevice(bob);
        Group older = Group.create(newGroupId(), GroupKind.GROUP, EncryptedTitle.of(new byte[] {9}), owner.id(), List.of(bob.id()), T0);
        Group newer = Group.create(newGroupId(), GroupKind.CHANNEL, null, owner.id(), List.of(bob.id()), T0.plusSeconds(1));
        groups.insertGroup(older);
        groups.insertGroup(newer);
        assertThat(groups.groupsOf(bob.id(), 100)).extracting(GroupSummary::groupId).containsExactly(newer.id(), older.id());

        GroupMessage first = groups.insertGroupMessage(message(older, owner, ownerPhone, null, T0.plusSeconds(10)));
        GroupMessage second = groups.insertGroupMessage(message(older, owner, ownerPhone, null, T0.plusSeconds(11)));
        GroupMessage third = groups.insertGroupMessage(message(older, owner, ownerPhone, null, T0.plusSeconds(12)));
        groups.insertGroupMessage(message(older, bob, bobPhone, null, T0.plusSeconds(13)));

        List<GroupSummary> bobs = groups.groupsOf(bob.id(), 100);
        assertThat(bobs).extracting(GroupSummary::groupId).containsExactly(older.id(), newer.id());
        GroupSummary summary = bobs.get(0);
        assertThat(summary.kind()).isEqualTo(GroupKind.GROUP);
        assertThat(summary.role()).isEqualTo(GroupRole.MEMBER);
        assertThat(summary.encryptedTitle()).isEqualTo(EncryptedTitle.of(new byte[] {9}));
        assertThat(summary.memberCount()).isEqualTo(2);
        assertThat(summary.createdAt()).isEqualTo(T0);
        assertThat(summary.lastMessage().senderUserId()).isEqualTo(bob.id());
        assertThat(summary.lastMessage().serverTimestamp()).isEqualTo(T0.plusSeconds(13));
        assertThat(summary.unreadCount()).as("three from the owner; bob's own is never unread").isEqualTo(3);
        assertThat(groups.groupsOf(bob.id(), 2).get(0).unreadCount()).as("capped").isEqualTo(2);
        assertThat(bobs.get(1).lastMessage()).isNull();
        assertThat(groups.groupsOf(owner.id(), 100).get(0).unreadCount()).isEqualTo(1);

        groups.advanceReadPointer(older.id(), bob.id(), second.id());
        groups.advanceReadPointer(older.id(), bob.id(), first.id());
        assertThat(groups.groupsOf(bob.id(), 100).get(0).unreadCount()).as("the pointer never moves back").isEqualTo(1);
        groups.advanceReadPointer(older.id(), bob.id(), third.id());
        assertThat(groups.groupsOf(bob.id(), 100).get(0).unreadCount()).isZero();
        assertThat(groups.groupsOf(owner.id(), 100).get(0).unreadCount()).as("the pointer is per user").isEqualTo(1);
        assertThat(groups.groupsOf(newUser().id(), 100)).isEmpty();
    }

    @Test
    void aMemberAddedAgainStartsAfreshWithoutItsOldPointer() {
        User owner = newUser();
        User bob = newUser();
        Device ownerPhone = newDevice(owner);
        Group group = Group.create(newGroupId(), GroupKind.GROUP, null, owner.id(), List.of(bob.id()), T0);
        groups.insertGroup(group);
        GroupMessage before = groups.insertGroupMessage(message(group, owner, ownerPhone, null, T0.plusSeconds(1)));
        groups.advanceReadPointer(group.id(), bob.id(), before.id());

        MembershipOutcome removed = group.change(owner.id(), new MembershipChange(null, Set.of(bob.id()), null), T0.plusSeconds(2));
        groups.saveMembershipChange(removed);
        MembershipOutcome added = removed.group().change(owner.id(), new MembershipChange(Set.of(bob.id()), null, null), T0.plusSeconds(3));
        groups.saveMembershipChange(added);
        groups.insertGroupMessage(message(group, owner, ownerPhone, null, T0.plusSeconds(4)));

        GroupSummary summary = groups.groupsOf(bob.id(), 100).get(0);
        assertThat(summary.unreadCount()).isEqualTo(1);
        assertThat(summary.lastMessage().serverTimestamp()).isEqualTo(T0.plusSeconds(4));
        assertThat(groups.findGroup(group.id())).contains(added.group());
    }

    @Test
    void aRolledBackTransactionLeavesNoGroup() {
        User owner = newUser();
        Group group = Group.create(newGroupId(), GroupKind.GROUP, null, owner.id(), List.of(), T0);
        RuntimeException boom = new IllegalStateException("boom");
        assertThatThrownBy(() -> s.transactions().run(() -> {
            groups.insertGroup(group);
            throw boom;
        })).isSameAs(boom);
        assertThat(groups.findGroup(group.id())).isEmpty();
        assertThat(groups.groupIdsOf(owner.id())).isEmpty();
    }

    private GroupMessage message(Group group, User sender, Device device, String clientMessageId, Instant at) {
        return new GroupMessage(null, group.id(), sender.id(), device.id(), KEY, Ciphertext.of(("c" + at).getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                AuthTag.of(new byte[16]), clientMessageId == null ? null : ClientMessageId.parse(clientMessageId),
                new ClientTimestamp(at.minusMillis(5)), at);
    }

    private Group newGroup(User owner) {
        Group group = Group.create(newGroupId(), GroupKind.GROUP, null, owner.id(), List.of(), T0);
        groups.insertGroup(group);
        return group;
    }

    private GroupId newGroupId() {
        return GroupId.parse(String.format("%016x", 0x6000_0000_0000L + sequence.incrementAndGet()));
    }

    private User newUser() {
        return s.users().insert(new User(null, ConvroNumber.ofIndex(200_000 + sequence.incrementAndGet()), null, null,
                "$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA", T0));
    }

    private Device newDevice(User owner) {
        Device device = Device.register(DeviceId.parse(String.format("%016x", 0xe000_0000_0000L + sequence.incrementAndGet())),
                owner.id(), Platform.IOS, null, T0);
        s.devices().insert(device);
        return device;
    }

}
