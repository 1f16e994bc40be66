package io.convro.application.groups;

import io.convro.application.shared.Clock;
import io.convro.application.shared.Transactions;
import io.convro.application.users.Users;
import io.convro.domain.group.Group;
import io.convro.domain.group.GroupMembership;
import io.convro.domain.group.MembershipOutcome;

/**
 * Applies a membership change in one transaction that holds the group locked (concurrent changes decide one after the
 * other), then moves sockets between rooms and tells whom it concerns, all before the answer.
 */
public final class ChangeMembersService implements ChangeMembersUseCase {
    private final LoadGroupPort load;
    private final SaveGroupPort save;
    private final Users users;
    private final GroupEvents events;
    private final Transactions transactions;
    private final Clock clock;

    public ChangeMembersService(LoadGroupPort load, SaveGroupPort save, Users users, GroupEvents events,
                                Transactions transactions, Clock clock) {
        this.load = load;
        this.save = save;
        this.users = users;
        this.events = events;
        this.transactions = transactions;
        this.clock = clock;
    }

    @Override
    public MembersChanged change(ChangeMembersCommand command) {
        MembershipOutcome outcome = transactions.inTransaction(() -> {
            Group group = load.findGroupForChange(command.groupId())
                    .filter(found -> found.member(command.caller().userId()).isPresent())
                    .orElseThrow(GroupMembership::notFound);
            group.checkMayChange(command.caller().userId(), command.change());
            Existing.requireUsers(users, command.change().add(), "add");
            MembershipOutcome decided = group.change(command.caller().userId(), command.change(), clock.now());
            if (decided.changedAnything()) {
                save.saveMembershipChange(decided);
            }
            return decided;
        });
        events.changed(outcome);
        return new MembersChanged(outcome.group(), outcome.left());
    }
}
