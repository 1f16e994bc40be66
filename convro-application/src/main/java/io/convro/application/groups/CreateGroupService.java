package io.convro.application.groups;

import io.convro.application.shared.Clock;
import io.convro.application.shared.Transactions;
import io.convro.application.users.Users;
import io.convro.domain.DomainException;
import io.convro.domain.ErrorCode;
import io.convro.domain.group.Group;
import io.convro.domain.group.GroupId;
import io.convro.domain.user.UserId;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.random.RandomGenerator;

/** Creates a group in one transaction (group and members together), then tells the members. */
public final class CreateGroupService implements CreateGroupUseCase {
    /** Draws of a fresh groupId before giving up: a 64-bit collision twice in a row means a broken random source. */
    private static final int ID_ATTEMPTS = 3;

    private final SaveGroupPort groups;
    private final Users users;
    private final GroupEvents events;
    private final Transactions transactions;
    private final Clock clock;
    private final RandomGenerator random;


    public CreateGroupService(SaveGroupPort groups, Users users, GroupEvents events, Transactions transactions, Clock clock,
                              RandomGenerator random) {
        this.groups = groups;
        this.users = users;
        this.events = events;
        this.transactions = transactions;
        this.clock = clock;
        this.random = random;
    }

    @Override
    public Group create(CreateGroupCommand command) {
        Set<UserId> members = new LinkedHashSet<>(command.memberUserIds());
        members.remove(command.caller().userId());
        Group group = transactions.inTransaction(() -> {
            Existing.requireUsers(users, members, "memberUserIds");
            for (int attempt = 1; ; attempt++) {
                Group created = Group.create(GroupId.random(random), command.kind(), command.encryptedTitle(),
                        command.caller().userId(), members, clock.now());
                try {
                    groups.insertGroup(created);
                    return created;
                } catch (DuplicateGroupIdException taken) {
                    if (attempt == ID_ATTEMPTS) {
                        throw new DomainException(ErrorCode.INTERNAL_ERROR, "could not draw a free groupId");
                    }
                }
            }
        });
        events.created(group, command.caller().deviceId());
        return group;
    }
}
