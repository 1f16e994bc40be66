package io.convro.adapter.http.groups;

import io.convro.adapter.http.HttpGroupUseCases;
import io.convro.adapter.http.messages.HistoryCursors;
import io.convro.adapter.http.web.Access;
import io.convro.adapter.http.web.Callers;
import io.convro.adapter.http.web.QueryParams;
import io.convro.adapter.http.web.RequestBodies;
import io.convro.application.groups.GroupHistoryPage;
import io.convro.application.groups.GroupHistoryQuery;
import io.convro.application.groups.GroupQuery;
import io.convro.application.groups.MembersChanged;
import io.convro.application.groups.PostedGroupMessage;
import io.convro.application.messages.HistoryCursor;
import io.convro.application.messages.HistoryQuery;
import io.convro.application.shared.Caller;
import io.convro.domain.group.Group;
import io.convro.domain.group.GroupId;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

/**
 * The routes of groups and channels (API.md §10). The path's {@code groupId} is read first: a malformed one is
 * {@code 404 GROUP_NOT_FOUND} like an unknown one, before the body is looked at.
 */
public final class GroupRoutes {
    public static final String GROUPS = "/v1/groups";
    public static final String GROUP = "/v1/groups/{groupId}";
    public static final String MEMBERS = "/v1/groups/{groupId}/members";
    public static final String MESSAGES = "/v1/groups/{groupId}/messages";
    public static final String READ = "/v1/groups/{groupId}/read";

    private final HttpGroupUseCases useCases;
    private final RequestBodies bodies;

    public GroupRoutes(HttpGroupUseCases useCases, RequestBodies bodies) {
        this.useCases = useCases;
        this.bodies = bodies;
    }

    public void register(RoutesConfig routes) {
        routes.post(MESSAGES, this::post, Access.BEARER);
        routes.get(MESSAGES, this::history, Access.BEARER);
        routes.post(GROUPS, this::create, Access.BEARER);
        routes.get(GROUPS, this::list, Access.BEARER);
        routes.get(GROUP, this::group, Access.BEARER);
        routes.post(MEMBERS, this::members, Access.BEARER);
        routes.post(READ, this::read, Access.BEARER);
    }

    private static GroupId groupId(Context ctx) {
        return GroupId.parse(ctx.pathParam("groupId"));
    }

    private void create(Context ctx) {
        CreateGroupRequest request = bodies.read(ctx, CreateGroupRequest.class);
        Group group = useCases.create().create(request.toCommand(Callers.of(ctx)));
        ctx.status(201).json(GroupsJson.GroupJson.of(group));
    }

    private void list(Context ctx) {
        ctx.json(new GroupsJson.GroupList(useCases.list().groups(Callers.of(ctx)).stream().map(GroupsJson.GroupItem::of).toList()));
    }

    private void group(Context ctx) {
        GroupId groupId = groupId(ctx);
        ctx.json(GroupsJson.GroupJson.of(useCases.get().group(new GroupQuery(Callers.of(ctx), groupId))));
    }

    private void members(Context ctx) {
        GroupId groupId = groupId(ctx);
        ChangeMembersRequest request = bodies.read(ctx, ChangeMembersRequest.class);
        Caller caller = Callers.of(ctx);
        MembersChanged changed = useCases.changeMembers().change(request.toCommand(caller, groupId));
        // whoever is no longer a member afterwards (a leave, or a handover and leave in one request) left: {"ok":true}
        if (changed.left() || changed.group().member(caller.userId()).isEmpty()) {
            ctx.json(new GroupsJson.Ok(true));
        } else {
            ctx.json(GroupsJson.GroupJson.of(changed.group()));
        }
    }

    private void post(Context ctx) {
        GroupId groupId = groupId(ctx);
        PostGroupMessageRequest request = bodies.read(ctx, PostGroupMessageRequest.class);
        PostedGroupMessage posted = useCases.post().post(request.toCommand(Callers.of(ctx), groupId));
        // a repeated clientMessageId is answered 200 with the original: nothing new was stored or sent
        ctx.status(posted.created() ? 201 : 200).json(GroupsJson.Posted.of(posted));
    }

    private void history(Context ctx) {
        GroupId groupId = groupId(ctx);
        GroupHistoryPage page = useCases.history().history(historyQuery(ctx, Callers.of(ctx), groupId));
        ctx.json(new GroupsJson.History(page.messages().stream().map(GroupsJson.MessageJson::of).toList(), page.hasMore()));
    }

    /** The cursors of a DM history (§6): {@code beforeId} positive, {@code afterId} 0 or more, at most one of them. */
    static GroupHistoryQuery historyQuery(Context ctx, Caller caller, GroupId groupId) {
        HistoryCursor cursor = HistoryCursors.of(ctx);
        int limit = QueryParams.optional(ctx, "limit", Integer::parseInt).orElse(HistoryQuery.DEFAULT_LIMIT);
        return QueryParams.parse("limit", Integer.toString(limit), text -> new GroupHistoryQuery(caller, groupId, cursor, limit));
    }

    private void read(Context ctx) {
        GroupId groupId = groupId(ctx);
        MarkReadRequest request = bodies.read(ctx, MarkReadRequest.class);
        useCases.markRead().markRead(request.toCommand(Callers.of(ctx), groupId));
        ctx.json(new GroupsJson.Ok(true));
    }
}
