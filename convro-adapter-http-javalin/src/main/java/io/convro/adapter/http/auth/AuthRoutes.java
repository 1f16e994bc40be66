package io.convro.adapter.http.auth;

import com.fasterxml.jackson.databind.JsonNode;
import io.convro.adapter.http.HttpUseCases;
import io.convro.adapter.http.web.Access;
import io.convro.adapter.http.web.Callers;
import io.convro.adapter.http.web.RequestBodies;
import io.convro.application.auth.LogoutScope;
import io.convro.application.shared.Caller;
import io.convro.domain.DomainException;
import io.convro.domain.ErrorCode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.List;

/** {@code /v1/auth/register|login|refresh|logout|me} (API.md §2). */
public final class AuthRoutes {
    /** The public routes an attacker would hammer (guessing passwords, farming accounts), limited per address. */
    public static final List<String> RATE_LIMITED = List.of("register", "login", "refresh");

    private final HttpUseCases useCases;
    private final RequestBodies bodies;

    public AuthRoutes(HttpUseCases useCases, RequestBodies bodies) {
        this.useCases = useCases;
        this.bodies = bodies;
    }

    public void register(RoutesConfig routes) {
        routes.post("/v1/auth/register", this::registerUser, Access.PUBLIC);
        routes.post("/v1/auth/login", this::logIn, Access.PUBLIC);
        routes.post("/v1/auth/refresh", this::refresh, Access.PUBLIC);
        routes.post("/v1/auth/logout", this::logOut, Access.BEARER);
        routes.get("/v1/auth/me", this::me, Access.BEARER);
    }

    private void registerUser(Context ctx) {
        RegisterRequest request = bodies.read(ctx, RegisterRequest.class);
        ctx.status(201).json(AuthJson.Session.of(useCases.registerUser().register(request.toCommand())));
    }

    private void logIn(Context ctx) {
        LogInRequest request = bodies.read(ctx, LogInRequest.class);
        ctx.json(AuthJson.Session.of(useCases.logIn().logIn(request.toCommand())));
    }

    private void refresh(Context ctx) {
        RefreshRequest request = bodies.read(ctx, RefreshRequest.class);
        ctx.json(AuthJson.Refreshed.of(useCases.refreshToken().refresh(request.refreshToken())));
    }

    private void logOut(Context ctx) {
        Caller caller = Callers.of(ctx);
        // no body, an empty body, JSON null and {} all mean "this device"
        LogOutRequest request = bodies.readOptionalTree(ctx)
                .filter(tree -> !tree.isNull())
                .map(this::logOutRequest)
                .orElse(LogOutRequest.DEVICE_DEFAULT);
        LogoutScope scope = useCases.logOut().logOut(request.toCommand(caller));
        ctx.json(new AuthJson.LoggedOut(true, scope.wireName()));
    }

    private LogOutRequest logOutRequest(JsonNode tree) {
        if (!tree.isObject()) {
            throw new DomainException(ErrorCode.INVALID_JSON, "the request body must be a JSON object");
        }
        return bodies.convert(tree, LogOutRequest.class);
    }

    private void me(Context ctx) {
        ctx.json(AuthJson.Me.of(useCases.getCurrentUser().me(Callers.of(ctx))));
    }
}
