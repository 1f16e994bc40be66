package io.convro.adapter.http.users;

import io.convro.adapter.http.chain.Access;
import io.convro.adapter.http.chain.ApiAnswer;
import io.convro.adapter.http.chain.ApiRequest;
import io.convro.adapter.http.chain.JsonAnswers;
import io.convro.adapter.http.chain.PerAddressLimit;
import io.convro.adapter.http.chain.Route;
import io.convro.adapter.http.web.QueryParams;
import io.convro.application.ConvroUseCases;
import io.convro.application.shared.Caller;
import io.convro.application.users.ResolveUserQuery;
import io.convro.application.users.UserProfile;
import io.convro.domain.user.ConvroNumber;
import io.convro.domain.user.Username;
import java.util.List;
import java.util.Optional;

/** {@code GET /v1/users/resolve} (API.md §3), limited per client address (enumeration through many accounts). */
public final class UserRoutes {
    public static final String RESOLVE = "/v1/users/resolve";

    private final ConvroUseCases useCases;
    private final JsonAnswers json;

    public UserRoutes(ConvroUseCases useCases, JsonAnswers json) {
        this.useCases = useCases;
        this.json = json;
    }

    public List<Route> routes() {
        return List.of(Route.blocking("GET", RESOLVE, Access.BEARER, this::resolve)
                .limitedPerAddress(PerAddressLimit.RESOLVE, "resolve-address"));
    }

    private ApiAnswer resolve(ApiRequest request, Caller caller) {
        return json.ok(UserJson.of(useCases.resolveUser().resolve(caller, query(request))));
    }

    static ResolveUserQuery query(ApiRequest request) {
        Optional<String> number = QueryParams.single(request, "convroNumber");
        Optional<String> username = QueryParams.single(request, "username");
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
