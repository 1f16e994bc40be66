package io.convro.adapter.http.auth;

import com.fasterxml.jackson.databind.JsonNode;
import io.convro.adapter.http.chain.Access;
import io.convro.adapter.http.chain.ApiAnswer;
import io.convro.adapter.http.chain.ApiRequest;
import io.convro.adapter.http.chain.JsonAnswers;
import io.convro.adapter.http.chain.PerAddressLimit;
import io.convro.adapter.http.chain.Route;
import io.convro.adapter.http.web.RequestBodies;
import io.convro.application.ConvroUseCases;
import io.convro.application.auth.LogoutScope;
import io.convro.application.shared.Caller;
import io.convro.domain.DomainException;
import io.convro.domain.ErrorCode;
import java.util.List;

/**
 * {@code /v1/auth/register|login|refresh|logout|me} (API.md §2). Register, login and refresh are limited per client
 * address: the public routes an attacker would hammer (guessing passwords, farming accounts).
 */
public final class AuthRoutes {
    private final ConvroUseCases useCases;
    private final RequestBodies bodies;
    private final JsonAnswers json;

    public AuthRoutes(ConvroUseCases useCases, RequestBodies bodies, JsonAnswers json) {
        this.useCases = useCases;
        this.bodies = bodies;
        this.json = json;
    }

    public List<Route> routes() {
        return List.of(
                Route.blocking("POST", "/v1/auth/register", Access.PUBLIC, this::registerUser)
                        .limitedPerAddress(PerAddressLimit.AUTH, "register"),
                Route.blocking("POST", "/v1/auth/login", Access.PUBLIC, this::logIn)
                        .limitedPerAddress(PerAddressLimit.AUTH, "login"),
                Route.blocking("POST", "/v1/auth/refresh", Access.PUBLIC, this::refresh)
                        .limitedPerAddress(PerAddressLimit.AUTH, "refresh"),
                Route.blocking("POST", "/v1/auth/logout", Access.BEARER, this::logOut),
                Route.blocking("GET", "/v1/auth/me", Access.BEARER, this::me));
    }

    private ApiAnswer registerUser(ApiRequest request, Caller none) {
        RegisterRequest body = bodies.read(request, RegisterRequest.class);
        return json.json(201, AuthJson.Session.of(useCases.registerUser().register(body.toCommand())));
    }

    private ApiAnswer logIn(ApiRequest request, Caller none) {
        LogInRequest body = bodies.read(request, LogInRequest.class);
        return json.ok(AuthJson.Session.of(useCases.logIn().logIn(body.toCommand())));
    }

    private ApiAnswer refresh(ApiRequest request, Caller none) {
        RefreshRequest body = bodies.read(request, RefreshRequest.class);
        return json.ok(AuthJson.Refreshed.of(useCases.refreshToken().refresh(body.refreshToken())));
    }

    private ApiAnswer logOut(ApiRequest request, Caller caller) {
        // no body, an empty body, JSON null and {} all mean "this device"
        LogOutRequest body = bodies.readOptionalTree(request)
                .filter(tree -> !tree.isNull())
                .map(this::logOutRequest)
                .orElse(LogOutRequest.DEVICE_DEFAULT);
        LogoutScope scope = useCases.logOut().logOut(body.toCommand(caller));
        return json.ok(new AuthJson.LoggedOut(true, scope.wireName()));
    }

    private LogOutRequest logOutRequest(JsonNode tree) {
        if (!tree.isObject()) {
            throw new DomainException(ErrorCode.INVALID_JSON, "the request body must be a JSON object");
        }
        return bodies.convert(tree, LogOutRequest.class);
    }

    private ApiAnswer me(ApiRequest request, Caller caller) {
        return json.ok(AuthJson.Me.of(useCases.currentUser().me(caller)));
    }
}
