package io.convro.usecases;

import static io.convro.usecases.Rejections.expect;
import static org.assertj.core.api.Assertions.assertThat;

import io.convro.adapter.inmemory.realtime.RecordingRealtimePublisher.Entry;
import io.convro.adapter.inmemory.realtime.RecordingRealtimePublisher.JoinedGroupRoom;
import io.convro.adapter.inmemory.realtime.RecordingRealtimePublisher.LeftGroupRoom;
import io.convro.adapter.inmemory.realtime.RecordingRealtimePublisher.Published;
import io.convro.adapter.inmemory.realtime.RecordingRealtimePublisher.PublishedToGroup;
import io.convro.application.groups.ChangeMembersCommand;
import io.convro.application.groups.CreateGroupCommand;
import io.convro.application.groups.GroupHistoryPage;
import io.convro.application.groups.GroupHistoryQuery;
import io.convro.application.groups.GroupQuery;
import io.convro.application.groups.GroupSummary;
import io.convro.application.groups.MarkGroupReadCommand;
import io.convro.application.groups.MembersChanged;
import io.convro.application.groups.PostGroupMessageCommand;
import io.convro.application.groups.PostedGroupMessage;
import io.convro.application.messages.HistoryCursor;
import io.convro.application.realtime.RealtimeEvent;
import io.convro.application.shared.Caller;
import io.convro.domain.ErrorCode;
import io.convro.domain.group.EncryptedTitle;
import io.convro.domain.group.Group;
import io.convro.domain.group.GroupId;
import io.convro.domain.group.GroupKind;
import io.convro.domain.group.GroupMember;
import io.convro.domain.group.GroupRole;
import io.convro.domain.group.MembershipChange;
import io.convro.domain.group.SenderKeyId;
import io.convro.domain.message.AuthTag;
import io.convro.domain.message.Ciphertext;
import io.convro.domain.message.ClientMessageId;
import io.convro.domain.message.MessageId;
import io.convro.domain.user.UserId;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Groups and channels of API.md §10, through the use cases on the in-memory adapters. */
class GroupFlowTest {
    private static final SenderKeyId KEY = SenderKeyId.parse("00000000000000a1");

    private final TestConvro convro = new TestConvro();
    private final Caller alice = convro.caller(convro.register("alice"));
    private final Caller bob = convro.caller(convro.register("bob"));
    private final Caller carol = convro.caller(convro.register("carol"));

    private Group create(Caller owner, GroupKind kind, Caller... members) {
        return convro.app.createGroup().create(new CreateGroupCommand(owner, kind,
                EncryptedTitle.of("sealed title".getBytes(StandardCharsets.UTF_8)),
                java.util.Arrays.stream(members).map(Caller::userId).toList()));
    }

    private PostedGroupMessage post(Caller from, GroupId group, String clientMessageId) {
        return convro.app.postGroupMessage().post(new PostGroupMessageCommand(from, group, KEY,
                Ciphertext.of("one ciphertext for all".getBytes(StandardCharsets.UTF_8)), AuthTag.of(new byte[16]),
                clientMessageId == null ? null : ClientMessageId.parse(clientMessageId), null));
    }

    private MembersChanged change(Caller by, GroupId group, Set<UserId> add, Set<UserId> remove, Map<UserId, GroupRole> roles) {
        return convro.app.changeMembers().change(new ChangeMembersCommand(by, group, new MembershipChange(add, remove, roles)));
    }

    private GroupHistoryPage history(Caller reader, GroupId group) {
        return convro.app.groupHistory().history(new GroupHistoryQuery(reader, group, new HistoryCursor.Latest(), 50));
    }

    private GroupSummary summary(Caller of, GroupId group) {
        return convro.app.listGroups().groups(of).stream().filter(s -> s.groupId().equals(group)).findFirst().orElseThrow();
    }

    @Test
    void aGroupIsCreatedPostedToOnceReadAndListedWithUnreadCounts() {
        Group group = create(alice, GroupKind.GROUP, bob, carol, bob, alice);
        assertThat(group.members()).extracting(GroupMember::userId).containsExactly(alice.userId(), bob.userId(), carol.userId());
        assertThat(group.members().get(0).role()).isEqualTo(GroupRole.OWNER);
        assertThat(convro.app.group().group(new GroupQuery(carol, group.id()))).isEqualTo(group);
        assertThat(convro.realtime.entries()).containsExactly(
                new JoinedGroupRoom(alice.userId(), group.id()), new JoinedGroupRoom(bob.userId(), group.id()),
                new JoinedGroupRoom(carol.userId(), group.id()),
                new PublishedToGroup(group.id(), alice.deviceId(), new RealtimeEvent.GroupAdded(group)));
        convro.realtime.clear();

        convro.clock.advance(Duration.ofSeconds(1));
        PostedGroupMessage posted = post(bob, group.id(), "g-1");
        assertThat(posted.created()).isTrue();
        assertThat(convro.realtime.entries()).singleElement().isInstanceOfSatisfying(PublishedToGroup.class, publish -> {
            assertThat(publish.group()).isEqualTo(group.id());
            assertThat(publish.exceptDevice()).isEqualTo(bob.deviceId());
            assertThat(((RealtimeEvent.GroupMessagePosted) publish.event()).message().id()).isEqualTo(posted.messageId());
            assertThat(publish.event().name()).isEqualTo("group:message");
        });

        assertThat(history(carol, group.id()).messages()).singleElement().satisfies(message -> {
            assertThat(message.senderUserId()).isEqualTo(bob.userId());
            assertThat(message.senderDeviceId()).isEqualTo(bob.deviceId());
            assertThat(message.senderKeyId()).isEqualTo(KEY);
            assertThat(message.clientMessageId().value()).isEqualTo("g-1");
        });
        GroupSummary alicesView = summary(alice, group.id());
        assertThat(alicesView.unreadCount()).isEqualTo(1);
        assertThat(alicesView.memberCount()).isEqualTo(3);
        assertThat(alicesView.role()).isEqualTo(GroupRole.OWNER);
        assertThat(alicesView.lastMessage().messageId()).isEqualTo(posted.messageId());
        assertThat(alicesView.lastMessage().senderUserId()).isEqualTo(bob.userId());
        assertThat(summary(bob, group.id()).unreadCount()).as("a member's own messages are never unread").isZero();

        convro.app.markGroupRead().markRead(new MarkGroupReadCommand(alice, group.id(), posted.messageId()));
        assertThat(summary(alice, group.id()).unreadCount()).isZero();
        assertThat(summary(carol, group.id()).unreadCount()).as("the read pointer is per user").isEqualTo(1);
    }

    @Test
    void aGroupMessageIsOneRowAndOnePublishHoweverManyMembers() {
        List<Caller> members = new java.util.ArrayList<>();
        for (int i = 0; i < 12; i++) {
            members.add(convro.caller(convro.register("member" + i)));
        }
        Group group = create(alice, GroupKind.GROUP, members.toArray(Caller[]::new));
        convro.realtime.clear();
        post(alice, group.id(), null);
        assertThat(convro.realtime.entries()).hasSize(1).allMatch(PublishedToGroup.class::isInstance);
        assertThat(members).allSatisfy(member -> assertThat(history(member, group.id()).messages()).singleElement()
                .satisfies(message -> assertThat(message.senderUserId()).isEqualTo(alice.userId())));
    }

    @Test
    void aRepeatedClientMessageIdAnswersTheOriginalAndEmitsNothing() {
        Group group = create(alice, GroupKind.GROUP, bob);
        Group other = create(alice, GroupKind.GROUP, bob);
        PostedGroupMessage first = post(bob, group.id(), "same");
        convro.realtime.clear();
        PostedGroupMessage again = post(bob, group.id(), "same");
        assertThat(again.created()).isFalse();
        assertThat(again.messageId()).isEqualTo(first.messageId());
        assertThat(again.serverTimestamp()).isEqualTo(first.serverTimestamp());
        assertThat(convro.realtime.entries()).isEmpty();
        assertThat(history(alice, group.id()).messages()).hasSize(1);
        assertThat(post(bob, other.id(), "same").created()).as("idempotency is per group").isTrue();
    }

    @Test
    void inAChannelOnlyOwnerAndAdminsPost() {
        Group channel = create(alice, GroupKind.CHANNEL, bob, carol);
        change(alice, channel.id(), null, null, Map.of(bob.userId(), GroupRole.ADMIN));
        expect(ErrorCode.CHANNEL_READ_ONLY, () -> post(carol, channel.id(), "c"));
        assertThat(history(alice, channel.id()).messages()).isEmpty();
        assertThat(post(bob, channel.id(), null).created()).isTrue();
        assertThat(post(alice, channel.id(), null).created()).isTrue();
        assertThat(history(carol, channel.id()).messages()).hasSize(2);
    }

    @Test
    void aNonMemberIsToldGroupNotFoundOnEveryUseCase() {
        Group group = create(alice, GroupKind.GROUP, bob);
        PostedGroupMessage posted = post(bob, group.id(), null);
        expect(ErrorCode.GROUP_NOT_FOUND, () -> convro.app.group().group(new GroupQuery(carol, group.id())));
        expect(ErrorCode.GROUP_NOT_FOUND, () -> history(carol, group.id()));
        expect(ErrorCode.GROUP_NOT_FOUND, () -> post(carol, group.id(), null));
        expect(ErrorCode.GROUP_NOT_FOUND, () -> convro.app.markGroupRead().markRead(new MarkGroupReadCommand(carol, group.id(), posted.messageId())));
        expect(ErrorCode.GROUP_NOT_FOUND, () -> change(carol, group.id(), Set.of(carol.userId()), null, null));
        expect(ErrorCode.GROUP_NOT_FOUND, () -> change(carol, group.id(), null, Set.of(carol.userId()), null));
        expect(ErrorCode.GROUP_NOT_FOUND, () -> convro.app.group().group(new GroupQuery(alice, GroupId.parse("0123456789abcdef"))));
        assertThat(convro.app.listGroups().groups(carol)).isEmpty();
    }

    @Test
    void addingAndRemovingMovesSocketsBetweenRoomsBeforeTellingThem() {
        Group group = create(alice, GroupKind.GROUP, bob);
        convro.realtime.clear();
        MembersChanged added = change(alice, group.id(), Set.of(carol.userId()), null, null);
        assertThat(added.left()).isFalse();
        assertThat(added.group().member(carol.userId())).isPresent();
        List<Entry> entries = convro.realtime.entries();
        assertThat(entries.get(0)).isEqualTo(new JoinedGroupRoom(carol.userId(), group.id()));
        assertThat(entries.get(1)).isEqualTo(new Published(carol.deviceId(), new RealtimeEvent.GroupAdded(added.group())));
        assertThat(entries.get(2)).isEqualTo(new PublishedToGroup(group.id(), null,
                new RealtimeEvent.GroupMembersChanged(group.id(), added.group().members())));
        assertThat(entries).hasSize(3);

        convro.realtime.clear();
        MembersChanged removed = change(alice, group.id(), null, Set.of(carol.userId()), null);
        assertThat(convro.realtime.entries()).containsExactly(new LeftGroupRoom(carol.userId(), group.id()),
                new Published(carol.deviceId(), new RealtimeEvent.GroupRemoved(group.id())),
                new PublishedToGroup(group.id(), null, new RealtimeEvent.GroupMembersChanged(group.id(), removed.group().members())));
        expect(ErrorCode.GROUP_NOT_FOUND, () -> history(carol, group.id()));

        convro.realtime.clear();
        change(alice, group.id(), Set.of(bob.userId()), Set.of(UserId.of(999_999)), null);
        assertThat(convro.realtime.entries()).as("adding a member again and removing a non-member change nothing").isEmpty();
    }

    @Test
    void aMemberOnlyLeavesAndTheOwnerLeavesOnlyAfterHandingOver() {
        Group group = create(alice, GroupKind.GROUP, bob, carol);
        expect(ErrorCode.NOT_GROUP_ADMIN, () -> change(carol, group.id(), null, Set.of(bob.userId()), null));
        expect(ErrorCode.NOT_GROUP_ADMIN, () -> change(carol, group.id(), Set.of(UserId.of(999_999)), null, null));
        convro.realtime.clear();
        MembersChanged left = change(carol, group.id(), null, Set.of(carol.userId()), null);
        assertThat(left.left()).isTrue();
        assertThat(convro.realtime.eventsFor(carol.deviceId())).containsExactly(new RealtimeEvent.GroupRemoved(group.id()));

        expect(ErrorCode.OWNER_REQUIRED, () -> change(alice, group.id(), null, Set.of(alice.userId()), null));
        expect(ErrorCode.OWNER_REQUIRED, () -> change(alice, group.id(), null, null, Map.of(alice.userId(), GroupRole.MEMBER)));
        expect(ErrorCode.NOT_A_MEMBER, () -> change(alice, group.id(), null, null, Map.of(carol.userId(), GroupRole.ADMIN)));
        change(alice, group.id(), null, null, Map.of(bob.userId(), GroupRole.OWNER));
        Group handedOver = convro.app.group().group(new GroupQuery(alice, group.id()));
        assertThat(handedOver.owner()).isEqualTo(bob.userId());
        assertThat(handedOver.member(alice.userId()).orElseThrow().role()).isEqualTo(GroupRole.ADMIN);
        assertThat(change(alice, group.id(), null, Set.of(alice.userId()), null).left()).isTrue();
        assertThat(convro.app.group().group(new GroupQuery(bob, group.id())).members()).hasSize(1);
    }

    @Test
    void unknownUsersChangeNothing() {
        expect(ErrorCode.USER_NOT_FOUND, () -> create(alice, GroupKind.GROUP, bob, new Caller(UserId.of(999_999), bob.deviceId(), null, null)));
        assertThat(convro.app.listGroups().groups(alice)).isEmpty();
        assertThat(convro.app.listGroups().groups(bob)).isEmpty();
        Group group = create(alice, GroupKind.GROUP);
        expect(ErrorCode.USER_NOT_FOUND, () -> change(alice, group.id(), Set.of(bob.userId(), UserId.of(999_999)), null, null));
        assertThat(convro.app.group().group(new GroupQuery(alice, group.id())).members()).hasSize(1);
    }

    @Test
    void historyStartsAtTheMembersCurrentJoin() {
        Group group = create(alice, GroupKind.GROUP, bob);
        PostedGroupMessage before = post(alice, group.id(), null);
        convro.clock.advance(Duration.ofSeconds(1));
        change(alice, group.id(), Set.of(carol.userId()), null, null);
        PostedGroupMessage after = post(alice, group.id(), null);
        assertThat(history(carol, group.id()).messages()).extracting(m -> m.id()).containsExactly(after.messageId());
        assertThat(summary(carol, group.id()).unreadCount()).isEqualTo(1);
        expect(ErrorCode.MESSAGE_NOT_FOUND, () -> convro.app.markGroupRead().markRead(new MarkGroupReadCommand(carol, group.id(), before.messageId())));

        convro.clock.advance(Duration.ofSeconds(1));
        change(alice, group.id(), null, Set.of(carol.userId()), null);
        convro.clock.advance(Duration.ofSeconds(1));
        change(alice, group.id(), Set.of(carol.userId()), null, null);
        assertThat(history(carol, group.id()).messages()).as("re-added, it starts afresh").isEmpty();
        assertThat(summary(carol, group.id()).lastMessage()).isNull();
        assertThat(summary(carol, group.id()).unreadCount()).isZero();
        assertThat(history(bob, group.id()).messages()).hasSize(2);
    }

    @Test
    void theReadPointerOnlyMovesForwardAndOnlyToAMessageOfTheGroup() {
        Group group = create(alice, GroupKind.GROUP, bob);
        Group other = create(alice, GroupKind.GROUP, bob);
        PostedGroupMessage first = post(alice, group.id(), null);
        PostedGroupMessage second = post(alice, group.id(), null);
        PostedGroupMessage elsewhere = post(alice, other.id(), null);
        expect(ErrorCode.MESSAGE_NOT_FOUND, () -> convro.app.markGroupRead().markRead(new MarkGroupReadCommand(bob, group.id(), elsewhere.messageId())));
        expect(ErrorCode.MESSAGE_NOT_FOUND, () -> convro.app.markGroupRead().markRead(new MarkGroupReadCommand(bob, group.id(), MessageId.of(999_999))));
        convro.app.markGroupRead().markRead(new MarkGroupReadCommand(bob, group.id(), second.messageId()));
        convro.app.markGroupRead().markRead(new MarkGroupReadCommand(bob, group.id(), first.messageId()));
        assertThat(summary(bob, group.id()).unreadCount()).isZero();
    }

    @Test
    void groupsAreListedByLastMessageElseCreationNewestFirst() {
        Group first = create(alice, GroupKind.GROUP, bob);
        convro.clock.advance(Duration.ofSeconds(1));
        Group second = create(alice, GroupKind.CHANNEL, bob);
        convro.clock.advance(Duration.ofSeconds(1));
        Group third = create(alice, GroupKind.GROUP);
        assertThat(convro.app.listGroups().groups(alice)).extracting(GroupSummary::groupId)
                .containsExactly(third.id(), second.id(), first.id());
        convro.clock.advance(Duration.ofSeconds(1));
        post(bob, first.id(), null);
        assertThat(convro.app.listGroups().groups(alice)).extracting(GroupSummary::groupId)
                .containsExactly(first.id(), third.id(), second.id());
        assertThat(convro.app.listGroups().groups(bob)).extracting(GroupSummary::groupId).containsExactly(first.id(), second.id());
        assertThat(convro.app.groupRooms().roomsOf(bob.userId())).containsExactlyInAnyOrder(first.id(), second.id());
    }
}
