package io.convro.adapter.http.messages;

import io.convro.adapter.http.HttpUseCases;
import io.convro.adapter.http.web.Access;
import io.convro.adapter.http.web.Callers;
import io.convro.adapter.http.web.QueryParams;
import io.convro.adapter.http.web.RequestBodies;
import io.convro.application.messages.ConversationCursor;
import io.convro.application.messages.ConversationsPage;
import io.convro.application.messages.ConversationsQuery;
import io.convro.application.messages.FanoutSent;
import io.convro.application.messages.HistoryCursor;
import io.convro.application.messages.HistoryPage;
import io.convro.application.messages.HistoryQuery;
import io.convro.application.shared.Caller;
import io.convro.domain.session.SessionId;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

/** {@code /v1/dm/messages/send|history|conversations|receipts} (API.md §6) and {@code fanout} (§9). */
public final class MessageRoutes {
    private final HttpUseCases useCases;
    private final RequestBodies bodies;
    private final SendMessageEndpoint sendEndpoint;

    public MessageRoutes(HttpUseCases useCases, RequestBodies bodies, SendMessageEndpoint sendEndpoint) {
        this.useCases = useCases;
        this.bodies = bodies;
        this.sendEndpoint = sendEndpoint;
    }

    public void register(RoutesConfig routes) {
        routes.post(SendMessageEndpoint.PATH, this::send, Access.BEARER);
        routes.get("/v1/dm/messages/history", this::history, Access.BEARER);
        routes.get("/v1/dm/messages/conversations", this::conversations, Access.BEARER);
        routes.post("/v1/dm/messages/receipts", this::receipts, Access.BEARER);
        routes.post("/v1/dm/messages/fanout", this::fanout, Access.BEARER);
    }

    private void fanout(Context ctx) {
        FanoutRequest request = bodies.read(ctx, FanoutRequest.class);
        FanoutSent sent = useCases.sendFanout().send(request.toCommand(Callers.of(ctx)));
        ctx.status(sent.created() ? 201 : 200).json(MessagesJson.FanoutSent.of(sent));
    }

    private void send(Context ctx) {
        SendMessageRequest request = bodies.read(ctx, SendMessageRequest.class);
        // answered when the group commit that carries it is done (the request thread is free meanwhile); a repeated
        // clientMessageId is answered 200 with the original: nothing new was created
        ctx.future(() -> sendEndpoint.send(Callers.of(ctx), request).toCompletableFuture()
                .thenAccept(sent -> MessagesJson.Sent.of(sent).answer(ctx, sent.created() ? 201 : 200)));
    }

    private void history(Context ctx) {
        HistoryPage page = useCases.getHistory().history(historyQuery(ctx, Callers.of(ctx)));
        ctx.json(new MessagesJson.History(page.messages().stream().map(MessageJson::of).toList(), page.hasMore()));
    }

    static HistoryQuery historyQuery(Context ctx, Caller caller) {
        SessionId sessionId = QueryParams.required(ctx, "sessionId", SessionId::parse);
        HistoryCursor cursor = HistoryCursors.of(ctx);
        int limit = QueryParams.optional(ctx, "limit", Integer::parseInt).orElse(HistoryQuery.DEFAULT_LIMIT);
        return QueryParams.parse("limit", Integer.toString(limit), text -> new HistoryQuery(caller, sessionId, cursor, limit));
    }

    private void conversations(Context ctx) {
        ConversationsPage page = useCases.listConversations().conversations(conversationsQuery(ctx, Callers.of(ctx)));
        ctx.json(new MessagesJson.Conversations(page.conversations().stream().map(MessagesJson.ConversationItem::of).toList(),
                page.hasMore(), page.next() == null ? null : page.next().text()));
    }

    static ConversationsQuery conversationsQuery(Context ctx, Caller caller) {
        ConversationCursor cursor = QueryParams.optional(ctx, "cursor", ConversationCursor::parse).orElse(null);
        int limit = QueryParams.optional(ctx, "limit", Integer::parseInt).orElse(ConversationsQuery.DEFAULT_LIMIT);
        return QueryParams.parse("limit", Integer.toString(limit), text -> new ConversationsQuery(caller, cursor, limit));
    }

    private void receipts(Context ctx) {
        ReceiptsRequest request = bodies.read(ctx, ReceiptsRequest.class);
        useCases.setReceipts().setReceipts(request.toCommand(Callers.of(ctx)));
        ctx.json(new MessagesJson.Ok(true));
    }
}
