package io.convro.adapter.http.sessions;

import io.convro.adapter.http.chain.Access;
import io.convro.adapter.http.chain.ApiAnswer;
import io.convro.adapter.http.chain.ApiRequest;
import io.convro.adapter.http.chain.JsonAnswers;
import io.convro.adapter.http.chain.Route;
import io.convro.adapter.http.web.QueryParams;
import io.convro.adapter.http.web.RequestBodies;
import io.convro.application.ConvroUseCases;
import io.convro.application.sessions.IncomingSessionsPage;
import io.convro.application.sessions.IncomingSessionsQuery;
import io.convro.application.sessions.OpenSessionCommand;
import io.convro.application.shared.Caller;
import java.util.List;

/** {@code /v1/dm/sessions/open|incoming|accept} (API.md §5). */
public final class SessionRoutes {
    private final ConvroUseCases useCases;
    private final RequestBodies bodies;
    private final JsonAnswers json;

    public SessionRoutes(ConvroUseCases useCases, RequestBodies bodies, JsonAnswers json) {
        this.useCases = useCases;
        this.bodies = bodies;
        this.json = json;
    }

    public List<Route> routes() {
        return List.of(
                Route.blocking("POST", "/v1/dm/sessions/open", Access.BEARER, this::open),
                Route.blocking("GET", "/v1/dm/sessions/incoming", Access.BEARER, this::incoming),
                Route.blocking("POST", "/v1/dm/sessions/accept", Access.BEARER, this::accept));
    }

    private ApiAnswer open(ApiRequest request, Caller caller) {
        RequestBodies.Verbatim<OpenSessionRequest> body = bodies.readKeeping(request, OpenSessionRequest.class, "handshakeOffer");
        OpenSessionCommand command = body.request().toCommand(caller, bodies, body.rawField());
        return json.json(201, SessionsJson.Opened.of(useCases.openSession().open(command)));
    }

    private ApiAnswer incoming(ApiRequest request, Caller caller) {
        IncomingSessionsPage page = useCases.incomingSessions().incoming(incomingQuery(request, caller));
        return json.ok(new SessionsJson.IncomingList(page.sessions().stream().map(SessionsJson.Incoming::of).toList(), page.hasMore()));
    }

    static IncomingSessionsQuery incomingQuery(ApiRequest request, Caller caller) {
        long after = QueryParams.optional(request, "afterId", QueryParams::nonNegativeLong).orElse(0L);
        int limit = QueryParams.optional(request, "limit", Integer::parseInt).orElse(IncomingSessionsQuery.DEFAULT_LIMIT);
        return new IncomingSessionsQuery(caller, after, limit);
    }

    private ApiAnswer accept(ApiRequest request, Caller caller) {
        AcceptSessionRequest body = bodies.read(request, AcceptSessionRequest.class);
        return json.ok(SessionsJson.Accepted.of(useCases.acceptSession().accept(body.toCommand(caller))));
    }
}
