package io.convro.adapter.http.sessions;

import io.convro.application.sessions.IncomingSessionsPage;
import io.convro.application.sessions.IncomingSessionsQuery;
import io.convro.application.sessions.OpenSessionCommand;
import io.convro.adapter.http.HttpUseCases;
import io.convro.adapter.http.web.Access;
import io.convro.adapter.http.web.Callers;
import io.convro.adapter.http.web.QueryParams;
import io.convro.adapter.http.web.RequestBodies;
import io.convro.application.shared.Caller;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

/** {@code /v1/dm/sessions/open|incoming|accept} (API.md §5). */
public final class SessionRoutes {
    private final HttpUseCases useCases;
    private final RequestBodies bodies;

    public SessionRoutes(HttpUseCases useCases, RequestBodies bodies) {
        this.useCases = useCases;
        this.bodies = bodies;
    }

    public void register(RoutesConfig routes) {
        routes.post("/v1/dm/sessions/open", this::open, Access.BEARER);
        routes.get("/v1/dm/sessions/incoming", this::incoming, Access.BEARER);
        routes.post("/v1/dm/sessions/accept", this::accept, Access.BEARER);
    }

    private void open(Context ctx) {
        Caller caller = Callers.of(ctx);
        RequestBodies.Verbatim<OpenSessionRequest> request = bodies.readKeeping(ctx, OpenSessionRequest.class, "handshakeOffer");
        OpenSessionCommand command = request.request().toCommand(caller, bodies, request.rawField());
        ctx.status(201).json(SessionsJson.Opened.of(useCases.openSession().open(command)));
    }

    private void incoming(Context ctx) {
        IncomingSessionsPage page = useCases.listIncomingSessions().incoming(incomingQuery(ctx, Callers.of(ctx)));
        ctx.json(new SessionsJson.IncomingList(page.sessions().stream().map(SessionsJson.Incoming::of).toList(), page.hasMore()));
    }

    static IncomingSessionsQuery incomingQuery(Context ctx, Caller caller) {
        long after = QueryParams.optional(ctx, "afterId", QueryParams::nonNegativeLong).orElse(0L);
        int limit = QueryParams.optional(ctx, "limit", Integer::parseInt).orElse(IncomingSessionsQuery.DEFAULT_LIMIT);
        return new IncomingSessionsQuery(caller, after, limit);
    }

    private void accept(Context ctx) {
        AcceptSessionRequest request = bodies.read(ctx, AcceptSessionRequest.class);
        ctx.json(SessionsJson.Accepted.of(useCases.acceptSession().accept(request.toCommand(Callers.of(ctx)))));
    }
}
