package io.convro.domain.group;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.convro.domain.DomainException;
import io.convro.domain.ErrorCode;
import io.convro.domain.device.DeviceId;
import io.convro.domain.message.AuthTag;
import io.convro.domain.message.Ciphertext;
import io.convro.domain.user.UserId;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.LongStream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

class GroupTest {
    static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
    static final Instant T1 = T0.plusSeconds(60);
    static final UserId OWNER = UserId.of(1);
    static final UserId ADMIN = UserId.of(2);
    static final UserId MEMBER = UserId.of(3);
    static final UserId STRANGER = UserId.of(4);
    static final GroupId ID = GroupId.parse("00112233445566aa");

    static Group group(GroupKind kind) {
        Group created = Group.create(ID, kind, null, OWNER, List.of(ADMIN, MEMBER), T0);
        return created.change(OWNER, roles(Map.of(ADMIN, GroupRole.ADMIN)), T0).group();
    }

    static MembershipChange add(UserId... users) {
        return new MembershipChange(Set.of(users), null, null);
    }

    static MembershipChange remove(UserId... users) {
        return new MembershipChange(null, Set.of(users), null);
    }

    static MembershipChange roles(Map<UserId, GroupRole> roles) {
        return new MembershipChange(null, null, roles);
    }

    static void rejected(ErrorCode code, ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.code()).isEqualTo(code));
    }

    @Test
    void theCreatorIsTheOnlyOwnerAndDuplicatesAndItsOwnIdAreIgnored() {
        Group created = Group.create(ID, GroupKind.GROUP, null, OWNER, List.of(MEMBER, OWNER, MEMBER), T0);
        assertThat(created.members()).containsExactly(new GroupMember(OWNER, GroupRole.OWNER, T0),
                new GroupMember(MEMBER, GroupRole.MEMBER, T0));
        assertThat(Group.create(ID, GroupKind.GROUP, null, OWNER, List.of(), T0).members()).hasSize(1);
    }

    @Test
    void aGroupOfMoreThanItsKindAllowsIsFull() {
        List<UserId> thousand = LongStream.rangeClosed(2, 1_001).mapToObj(UserId::of).toList();
        rejected(ErrorCode.GROUP_FULL, () -> Group.create(ID, GroupKind.GROUP, null, OWNER, thousand, T0));
        assertThat(Group.create(ID, GroupKind.CHANNEL, null, OWNER, thousand, T0).members()).hasSize(1_001);
        Group full = Group.create(ID, GroupKind.GROUP, null, OWNER, thousand.subList(0, 999), T0);
        rejected(ErrorCode.GROUP_FULL, () -> full.change(OWNER, add(UserId.of(5_000)), T1));
        assertThat(full.change(OWNER, new MembershipChange(Set.of(UserId.of(5_000)), Set.of(UserId.of(2)), null), T1)
                .group().members()).hasSize(1_000);
    }

    @Test
    void aNonMemberIsToldTheGroupDoesNotExist() {
        Group group = group(GroupKind.GROUP);
        rejected(ErrorCode.GROUP_NOT_FOUND, () -> group.membershipOf(STRANGER));
        rejected(ErrorCode.GROUP_NOT_FOUND, () -> group.change(STRANGER, remove(STRANGER), T1));
    }

    @Test
    void inAChannelOnlyOwnerAndAdminsPost() {
        Group channel = group(GroupKind.CHANNEL);
        rejected(ErrorCode.CHANNEL_READ_ONLY, () -> channel.membershipOf(MEMBER).checkPost());
        channel.membershipOf(ADMIN).checkPost();
        channel.membershipOf(OWNER).checkPost();
        group(GroupKind.GROUP).membershipOf(MEMBER).checkPost();
    }

    @Test
    void aGroupMessageIsComposedOnlyForAMemberWhoMayPost() {
        Group channel = group(GroupKind.CHANNEL);
        DeviceId device = DeviceId.parse("aaaaaaaaaaaaaaaa");
        SenderKeyId key = SenderKeyId.parse("0123456789abcdef");
        rejected(ErrorCode.CHANNEL_READ_ONLY, () -> GroupMessage.compose(channel.membershipOf(MEMBER), device, key,
                Ciphertext.of(new byte[] {1}), AuthTag.of(new byte[16]), null, null, T1));
        GroupMessage message = GroupMessage.compose(channel.membershipOf(ADMIN), device, key, Ciphertext.of(new byte[] {1}),
                AuthTag.of(new byte[16]), null, null, T1);
        assertThat(message.senderUserId()).isEqualTo(ADMIN);
        assertThat(message.groupId()).isEqualTo(ID);
    }

    @Test
    void aMemberMayOnlyLeave() {
        Group group = group(GroupKind.GROUP);
        rejected(ErrorCode.NOT_GROUP_ADMIN, () -> group.change(MEMBER, add(STRANGER), T1));
        rejected(ErrorCode.NOT_GROUP_ADMIN, () -> group.change(MEMBER, remove(ADMIN), T1));
        rejected(ErrorCode.NOT_GROUP_ADMIN, () -> group.change(MEMBER, roles(Map.of(MEMBER, GroupRole.ADMIN)), T1));
        MembershipOutcome left = group.change(MEMBER, remove(MEMBER), T1);
        assertThat(left.left()).isTrue();
        assertThat(left.removed()).containsExactly(MEMBER);
        assertThat(left.group().member(MEMBER)).isEmpty();
    }

    @Test
    void ownerAndAdminsAddRemoveAndSetRoles() {
        Group group = group(GroupKind.GROUP);
        MembershipOutcome added = group.change(ADMIN, add(STRANGER, MEMBER), T1);
        assertThat(added.added()).containsExactly(new GroupMember(STRANGER, GroupRole.MEMBER, T1));
        assertThat(added.left()).isFalse();
        MembershipOutcome removed = added.group().change(ADMIN, remove(STRANGER, UserId.of(99)), T1);
        assertThat(removed.removed()).containsExactly(STRANGER);
        MembershipOutcome promoted = group.change(ADMIN, roles(Map.of(MEMBER, GroupRole.ADMIN)), T1);
        assertThat(promoted.roleChanged()).containsExactly(new GroupMember(MEMBER, GroupRole.ADMIN, T0));
        assertThat(group.change(OWNER, add(MEMBER), T1).changedAnything()).isFalse();
    }

    @Test
    void theOwnerIsNeverRemovedNorDemotedAndCannotLeaveWithoutHandingOver() {
        Group group = group(GroupKind.GROUP);
        rejected(ErrorCode.OWNER_REQUIRED, () -> group.change(ADMIN, remove(OWNER), T1));
        rejected(ErrorCode.OWNER_REQUIRED, () -> group.change(ADMIN, roles(Map.of(OWNER, GroupRole.MEMBER)), T1));
        rejected(ErrorCode.OWNER_REQUIRED, () -> group.change(OWNER, remove(OWNER), T1));
        rejected(ErrorCode.OWNER_REQUIRED, () -> group.change(OWNER, roles(Map.of(OWNER, GroupRole.ADMIN)), T1));
    }

    @Test
    void onlyTheOwnerHandsOwnershipOverAndThenBecomesAnAdminFreeToLeave() {
        Group group = group(GroupKind.GROUP);
        rejected(ErrorCode.NOT_GROUP_ADMIN, () -> group.change(ADMIN, roles(Map.of(ADMIN, GroupRole.OWNER)), T1));
        rejected(ErrorCode.INVALID_ROLE, () -> group.change(OWNER, roles(Map.of(ADMIN, GroupRole.OWNER, MEMBER, GroupRole.OWNER)), T1));
        Group handedOver = group.change(OWNER, roles(Map.of(MEMBER, GroupRole.OWNER)), T1).group();
        assertThat(handedOver.owner()).isEqualTo(MEMBER);
        assertThat(handedOver.member(OWNER).orElseThrow().role()).isEqualTo(GroupRole.ADMIN);
        assertThat(handedOver.change(OWNER, remove(OWNER), T1).left()).isTrue();
        MembershipOutcome atOnce = group.change(OWNER, new MembershipChange(null, Set.of(OWNER), Map.of(ADMIN, GroupRole.OWNER)), T1);
        assertThat(atOnce.group().owner()).isEqualTo(ADMIN);
        assertThat(atOnce.removed()).containsExactly(OWNER);
    }

    @Test
    void aRoleForSomeoneWhoIsNotAMemberAfterwardsIsRejected() {
        Group group = group(GroupKind.GROUP);
        rejected(ErrorCode.NOT_A_MEMBER, () -> group.change(OWNER, roles(Map.of(STRANGER, GroupRole.ADMIN)), T1));
        rejected(ErrorCode.NOT_A_MEMBER, () -> group.change(OWNER,
                new MembershipChange(null, Set.of(MEMBER), Map.of(MEMBER, GroupRole.ADMIN)), T1));
        MembershipOutcome addedAsAdmin = group.change(OWNER,
                new MembershipChange(Set.of(STRANGER), null, Map.of(STRANGER, GroupRole.ADMIN)), T1);
        assertThat(addedAsAdmin.added()).containsExactly(new GroupMember(STRANGER, GroupRole.ADMIN, T1));
    }

    @Test
    void someoneAddedAndRemovedInOneRequestIsNeitherAddedNorRemoved() {
        MembershipOutcome outcome = group(GroupKind.GROUP).change(OWNER, new MembershipChange(Set.of(STRANGER), Set.of(STRANGER), null), T1);
        assertThat(outcome.added()).isEmpty();
        assertThat(outcome.removed()).isEmpty();
        assertThat(outcome.changedAnything()).isFalse();
    }

    @Test
    void aReadPointerOnlyMovesForward() {
        ReadPointer at5 = ReadPointer.NONE.advancedTo(io.convro.domain.message.MessageId.of(5));
        assertThat(at5.advancedTo(io.convro.domain.message.MessageId.of(3))).isEqualTo(at5);
        assertThat(at5.advancedTo(io.convro.domain.message.MessageId.of(9)).upTo().value()).isEqualTo(9);
    }
}
