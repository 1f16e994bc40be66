package io.convro.domain.group;

import static org.assertj.core.api.Assertions.assertThat;

import io.convro.domain.DomainException;
import io.convro.domain.user.UserId;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Whatever members ask, in whatever order, a group keeps its invariants; a rejected change changes nothing. */
class GroupInvariantsTest {
    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");

    /** One request: who asks, and the change (users 1..8; the group starts with 1 as owner and 2..4). */
    record Request(UserId by, MembershipChange change) {
    }

    @Provide
    Arbitrary<List<Request>> requests() {
        Arbitrary<UserId> user = Arbitraries.longs().between(1, 8).map(UserId::of);
        Arbitrary<Set<UserId>> users = user.set().ofMaxSize(3);
        Arbitrary<Map<UserId, GroupRole>> roles = Arbitraries.maps(user, Arbitraries.of(GroupRole.class)).ofMaxSize(2);
        Arbitrary<MembershipChange> change = Combinators.combine(users, users, roles).as(MembershipChange::new);
        Arbitrary<MembershipChange> leave = user.map(u -> new MembershipChange(null, Set.of(u), null));
        return Combinators.combine(user, Arbitraries.oneOf(change, leave)).as(Request::new).list().ofMaxSize(30);
    }

    @Property
    void exactlyOneOwnerAndOnlyAdminsOrTheLeaverChangeMembers(@ForAll("requests") List<Request> requests,
                                                               @ForAll GroupKind kind) {
        Group group = Group.create(GroupId.parse("0000000000000001"), kind, null, UserId.of(1),
                List.of(UserId.of(2), UserId.of(3), UserId.of(4)), NOW);
        for (Request request : requests) {
            GroupRole askerRole = group.member(request.by()).map(GroupMember::role).orElse(null);
            UserId ownerBefore = group.owner();
            try {
                MembershipOutcome outcome = group.change(request.by(), request.change(), NOW);
                assertThat(askerRole).as("a non-member changed the group").isNotNull();
                if (askerRole == GroupRole.MEMBER) {
                    assertThat(outcome.left()).as("a member did more than leave").isTrue();
                }
                if (!outcome.group().owner().equals(ownerBefore)) {
                    assertThat(askerRole).as("someone but the owner handed ownership over").isEqualTo(GroupRole.OWNER);
                }
                group = outcome.group();
            } catch (DomainException rejected) {
                // the group value is unchanged by construction; the invariants below still hold
            }
            assertThat(group.members()).filteredOn(member -> member.role() == GroupRole.OWNER).hasSize(1);
            assertThat(group.members()).extracting(GroupMember::userId).doesNotHaveDuplicates();
            assertThat(group.members().size()).isLessThanOrEqualTo(kind.maxMembers());
        }
    }
}
