package io.convro.adapter.http.groups;

import io.convro.adapter.http.messages.HistoryCursors;
import io.convro.adapter.http.chain.Access;
import io.convro.adapter.http.chain.ApiAnswer;
import io.convro.adapter.http.chain.ApiRequest;
import io.convro.adapter.http.chain.JsonAnswers;
import io.convro.adapter.http.chain.Route;
import io.convro.adapter.http.web.QueryParams;
import io.convro.adapter.http.web.RequestBodies;
import io.convro.application.ConvroUseCases;
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
import java.util.List;

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

    private final ConvroUseCases useCases;
    private final RequestBodies bodies;
    private final JsonAnswers json;

    public GroupRoutes(ConvroUseCases useCases, RequestBodies bodies, JsonAnswers json) {
        this.useCases = useCases;
        this.bodies = bodies;
        this.json = json;
    }

    public List<Route> routes() {
        return List.of(
                Route.blocking("POST", MESSAGES, Access.BEARER, this::post),
                Route.blocking("GET", MESSAGES, Access.BEARER, this::history),
                Route.blocking("POST", GROUPS, Access.BEARER, this::create),
                Route.blocking("GET", GROUPS, Access.BEARER, this::list),
                Route.blocking("GET", GROUP, Access.BEARER, this::group),
                Route.blocking("POST", MEMBERS, Access.BEARER, this::members),
                Route.blocking("POST", READ, Access.BEARER, this::read));
    }

    private static GroupId groupId(ApiRequest request) {
        return GroupId.parse(request.pathParam("groupId"));
    }

    private ApiAnswer create(ApiRequest request, Caller caller) {
        CreateGroupRequest body = bodies.read(request, CreateGroupRequest.class);
        Group group = useCases.createGroup().create(body.toCommand(caller));
        return json.json(201, GroupsJson.GroupJson.of(group));
    }

    private ApiAnswer list(ApiRequest request, Caller caller) {
        return json.ok(new GroupsJson.GroupList(useCases.listGroups().groups(caller).stream().map(GroupsJson.GroupItem::of)
                .toList()));
    }

    private ApiAnswer group(ApiRequest request, Caller caller) {
        GroupId groupId = groupId(request);
        return json.ok(GroupsJson.GroupJson.of(useCases.group().group(new GroupQuery(caller, groupId))));
    }

    private ApiAnswer members(ApiRequest request, Caller caller) {
        GroupId groupId = groupId(request);
        ChangeMembersRequest body = bodies.read(request, ChangeMembersRequest.class);
        MembersChanged changed = useCases.changeMembers().change(body.toCommand(caller, groupId));
        // whoever is no longer a member afterwards (a leave, or a handover and leave in one request) left: {"ok":true}
        if (changed.left() || changed.group().member(caller.userId()).isEmpty()) {
            return json.ok(new GroupsJson.Ok(true));
        } else {
            return json.ok(GroupsJson.GroupJson.of(changed.group()));
        }
    }

    private ApiAnswer post(ApiRequest request, Caller caller) {
        GroupId groupId = groupId(request);
        PostGroupMessageRequest body = bodies.read(request, PostGroupMessageRequest.class);
        PostedGroupMessage posted = useCases.postGroupMessage().post(body.toCommand(caller, groupId));
        // a repeated clientMessageId is answered 200 with the original: nothing new was stored or sent
        return json.json(posted.created() ? 201 : 200, GroupsJson.Posted.of(posted));
    }

    private ApiAnswer history(ApiRequest request, Caller caller) {
        GroupId groupId = groupId(request);
        GroupHistoryPage page = useCases.groupHistory().history(historyQuery(request, caller, groupId));
        return json.ok(new GroupsJson.History(page.messages().stream().map(GroupsJson.MessageJson::of).toList(), page.hasMore()));
    }

    /** The cursors of a DM history (§6): {@code beforeId} positive, {@code afterId} 0 or more, at most one of them. */
    static GroupHistoryQuery historyQuery(ApiRequest request, Caller caller, GroupId groupId) {
        HistoryCursor cursor = HistoryCursors.of(request);
        int limit = QueryParams.optional(request, "limit", Integer::parseInt).orElse(HistoryQuery.DEFAULT_LIMIT);
        return QueryParams.parse("limit", Integer.toString(limit), text -> new GroupHistoryQuery(caller, groupId, cursor, limit));
    }

    private ApiAnswer read(ApiRequest request, Caller caller) {
        GroupId groupId = groupId(request);
        MarkReadRequest body = bodies.read(request, MarkReadRequest.class);
        useCases.markGroupRead().markRead(body.toCommand(caller, groupId));
        return json.ok(new GroupsJson.Ok(true));
    }
}
