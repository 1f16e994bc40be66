package io.convro.application.groups;

import io.convro.application.OutPorts;
import io.convro.application.shared.UsageLimits;
import java.util.random.RandomGenerator;

/**
 * Every use case of groups and channels (API.md §10), wired from the out-ports with constructors. Kept beside
 * {@link io.convro.application.ConvroApplication} until the request pipeline (issue 17) gives new use cases their one
 * wiring place; then it folds into it.
 */
public final class GroupUseCases {
    private final CreateGroupUseCase createGroup;
    private final ListGroupsService listGroups;
    private final GetGroupUseCase group;
    private final ChangeMembersUseCase changeMembers;
    private final PostGroupMessageUseCase postMessage;
    private final GetGroupHistoryUseCase history;
    private final MarkGroupReadUseCase markRead;

    public GroupUseCases(OutPorts p, GroupStore groups, RandomGenerator random) {
        this(p, groups, random, UsageLimits.none());
    }

    /**
     * @param random draws the server-made groupIds (a {@link java.security.SecureRandom} in production)
     * @param limits the budgets; a group message takes one permit of the sending device's send budget
     */
    public GroupUseCases(OutPorts p, GroupStore groups, RandomGenerator random, UsageLimits limits) {
        GroupEvents events = new GroupEvents(p.devices(), p.realtime());
        createGroup = new CreateGroupService(groups, p.users(), events, p.transactions(), p.clock(), random);
        listGroups = new ListGroupsService(groups, groups);
        group = new GetGroupService(groups);
        changeMembers = new ChangeMembersService(groups, groups, p.users(), events, p.transactions(), p.clock());
        postMessage = new PostGroupMessageService(groups, groups, p.realtime(), p.transactions(), p.clock(), limits);
        history = new GetGroupHistoryService(groups, groups);
        markRead = new MarkGroupReadService(groups, groups, groups, p.transactions());
    }

    public CreateGroupUseCase createGroup() { return createGroup; }
    public ListGroupsUseCase listGroups() { return listGroups; }
    public ListGroupRoomsUseCase groupRooms() { return listGroups; }
    public GetGroupUseCase group() { return group; }
    public ChangeMembersUseCase changeMembers() { return changeMembers; }
    public PostGroupMessageUseCase postMessage() { return postMessage; }
    public GetGroupHistoryUseCase history() { return history; }
    public MarkGroupReadUseCase markRead() { return markRead; }
}
