package io.convro.adapter.http.messages;

import io.convro.adapter.http.chain.Access;
import io.convro.adapter.http.chain.ApiAnswer;
import io.convro.adapter.http.chain.ApiRequest;
import io.convro.adapter.http.chain.JsonAnswers;
import io.convro.adapter.http.chain.Route;
import io.convro.adapter.http.web.QueryParams;
import io.convro.adapter.http.web.RequestBodies;
import io.convro.application.ConvroUseCases;
import io.convro.application.messages.ConversationCursor;
import io.convro.application.messages.ConversationsPage;
import io.convro.application.messages.ConversationsQuery;
import io.convro.application.messages.FanoutSent;
import io.convro.application.messages.HistoryCursor;
import io.convro.application.messages.HistoryPage;
import io.convro.application.messages.HistoryQuery;
import io.convro.application.shared.Caller;
import io.convro.domain.session.SessionId;
import java.util.List;
import java.util.concurrent.CompletionStage;

/** {@code /v1/dm/messages/send|history|conversations|receipts} (API.md §6) and {@code fanout} (§9). */
public final class MessageRoutes {
    public static final String SEND = "/v1/dm/messages/send";

    private final ConvroUseCases useCases;
    private final RequestBodies bodies;
    private final JsonAnswers json;

    public MessageRoutes(ConvroUseCases useCases, RequestBodies bodies, JsonAnswers json) {
        this.useCases = useCases;
        this.bodies = bodies;
        this.json = json;
    }

    public List<Route> routes() {
        return List.of(
                Route.nonBlocking("POST", SEND, Access.BEARER, this::send),
                Route.blocking("GET", "/v1/dm/messages/history", Access.BEARER, this::history),
                Route.blocking("GET", "/v1/dm/messages/conversations", Access.BEARER, this::conversations),
                Route.blocking("POST", "/v1/dm/messages/receipts", Access.BEARER, this::receipts),
                Route.blocking("POST", "/v1/dm/messages/fanout", Access.BEARER, this::fanout));
    }

    private ApiAnswer fanout(ApiRequest request, Caller caller) {
        FanoutRequest body = bodies.read(request, FanoutRequest.class);
        FanoutSent sent = useCases.sendFanout().send(body.toCommand(caller));
        return json.json(sent.created() ? 201 : 200, MessagesJson.FanoutSent.of(sent));
    }

    /**
     * Never waits on the calling thread: answered when the group commit that carries it is done. A repeated
     * clientMessageId is answered 200 with the original: nothing new was created.
     */
    private CompletionStage<ApiAnswer> send(ApiRequest request, Caller caller) {
        SendMessageRequest body = bodies.read(request, SendMessageRequest.class);
        return useCases.sendMessage().send(body.toCommand(caller))
                .thenApply(sent -> ApiAnswer.json(sent.created() ? 201 : 200, MessagesJson.Sent.of(sent).bytes()));
    }

    private ApiAnswer history(ApiRequest request, Caller caller) {
        HistoryPage page = useCases.history().history(historyQuery(request, caller));
        return json.ok(new MessagesJson.History(page.messages().stream().map(MessageJson::of).toList(), page.hasMore()));
    }

    static HistoryQuery historyQuery(ApiRequest request, Caller caller) {
        SessionId sessionId = QueryParams.required(request, "sessionId", SessionId::parse);
        HistoryCursor cursor = HistoryCursors.of(request);
        int limit = QueryParams.optional(request, "limit", Integer::parseInt).orElse(HistoryQuery.DEFAULT_LIMIT);
        return QueryParams.parse("limit", Integer.toString(limit), text -> new HistoryQuery(caller, sessionId, cursor, limit));
    }

    private ApiAnswer conversations(ApiRequest request, Caller caller) {
        ConversationsPage page = useCases.conversations().conversations(conversationsQuery(request, caller));
        return json.ok(new MessagesJson.Conversations(page.conversations().stream().map(MessagesJson.ConversationItem::of).toList(),
                page.hasMore(), page.next() == null ? null : page.next().text()));
    }

    static ConversationsQuery conversationsQuery(ApiRequest request, Caller caller) {
        ConversationCursor cursor = QueryParams.optional(request, "cursor", ConversationCursor::parse).orElse(null);
        int limit = QueryParams.optional(request, "limit", Integer::parseInt).orElse(ConversationsQuery.DEFAULT_LIMIT);
        return QueryParams.parse("limit", Integer.toString(limit), text -> new ConversationsQuery(caller, cursor, limit));
    }

    private ApiAnswer receipts(ApiRequest request, Caller caller) {
        ReceiptsRequest body = bodies.read(request, ReceiptsRequest.class);
        useCases.receipts().setReceipts(body.toCommand(caller));
        return json.ok(new MessagesJson.Ok(true));
    }
}
