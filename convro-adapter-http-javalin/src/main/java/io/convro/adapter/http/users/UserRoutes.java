package io.convro.adapter.http.users;

import io.convro.adapter.http.HttpUseCases;
import io.convro.adapter.http.web.Access;
import io.convro.adapter.http.web.Callers;
import io.convro.adapter.http.web.QueryParams;
import io.convro.application.users.ResolveUserQuery;
import io.convro.application.users.UserProfile;
import io.convro.domain.user.ConvroNumber;
import io.convro.domain.user.Username;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.Optional;

/** {@code GET /v1/users/resolve} (API.md §3). */
public final class UserRoutes {
    public static final String RESOLVE = "/v1/users/resolve";

    private final HttpUseCases useCases;

    public UserRoutes(HttpUseCases useCases) {
        this.useCases = useCases;
    }

    public void register(RoutesConfig routes) {
        routes.get(RESOLVE, this::resolve, Access.BEARER);
    }

    private void resolve(Context ctx) {
        ctx.json(UserJson.of(useCases.resolveUser().resolve(Callers.of(ctx), query(ctx))));
    }

    static ResolveUserQuery query(Context ctx) {
        Optional<String> number = QueryParams.single(ctx, "convroNumber");
        Optional<String> username = QueryParams.single(ctx, "username");
        if (number.isPresent() == username.isPresent()) {
            throw QueryParams.invalid(number.isPresent() ? "username" : "convroNumber",
                    "give exactly one of convroNumber or username");
        }
        if (number.isPresent()) {
            return new ResolveUserQuery.ByConvroNumber(
                    QueryParams.parse("convroNumber", restorePlus(number.get()), ConvroNumber::parse));
        }
        return new ResolveUserQuery.ByUsername(QueryParams.parse("username", username.get(), Username::parse));
    }

    /**
     * A {@code +} sent unencoded in a query string is decoded as a space; a convro number never starts
     * with a space, so a leading one can only be that {@code +}.
     */
    static String restorePlus(String number) {
        return number.startsWith(" ") ? "+" + number.substring(1) : number;
    }

    record UserJson(long userId, String convroNumber, String username, String fullName) {
        static UserJson of(UserProfile profile) {
            return new UserJson(profile.userId().value(), profile.convroNumber().value(),
                    profile.username() == null ? null : profile.username().value(),
                    profile.fullName() == null ? null : profile.fullName().value());
        }
    }
}
