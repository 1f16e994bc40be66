package io.convro.adapter.http.prekeys;

import io.convro.adapter.http.chain.Access;
import io.convro.adapter.http.chain.ApiAnswer;
import io.convro.adapter.http.chain.ApiRequest;
import io.convro.adapter.http.chain.JsonAnswers;
import io.convro.adapter.http.chain.Route;
import io.convro.adapter.http.web.QueryParams;
import io.convro.adapter.http.web.RequestBodies;
import io.convro.application.ConvroUseCases;
import io.convro.application.prekeys.FetchPrekeyBundleQuery;
import io.convro.application.prekeys.FetchPrekeyBundlesQuery;
import io.convro.application.prekeys.PrekeyBundle;
import io.convro.application.shared.Caller;
import io.convro.domain.device.DeviceId;
import io.convro.domain.user.UserId;
import java.util.List;

/** {@code /v1/prekeys/upload|bundle|status} (API.md §4) and {@code bundles} (§9). */
public final class PrekeyRoutes {
    private final ConvroUseCases useCases;
    private final RequestBodies bodies;
    private final JsonAnswers json;

    public PrekeyRoutes(ConvroUseCases useCases, RequestBodies bodies, JsonAnswers json) {
        this.useCases = useCases;
        this.bodies = bodies;
        this.json = json;
    }

    public List<Route> routes() {
        return List.of(
                Route.blocking("POST", "/v1/prekeys/upload", Access.BEARER, this::upload),
                Route.blocking("GET", "/v1/prekeys/bundle", Access.BEARER, this::bundle),
                Route.blocking("GET", "/v1/prekeys/status", Access.BEARER, this::status),
                Route.blocking("GET", "/v1/prekeys/bundles", Access.BEARER, this::bundles));
    }

    private ApiAnswer bundles(ApiRequest request, Caller caller) {
        UserId userId = QueryParams.required(request, "user_id", UserId::parse);
        List<PrekeyBundle> bundles = useCases.fetchPrekeyBundles().fetchAll(new FetchPrekeyBundlesQuery(caller, userId));
        return json.ok(new PrekeysJson.Bundles(userId.value(), bundles.stream().map(PrekeysJson.Bundle::of).toList()));
    }

    private ApiAnswer upload(ApiRequest request, Caller caller) {
        UploadPrekeysRequest body = bodies.read(request, UploadPrekeysRequest.class);
        int stored = useCases.uploadPrekeys().upload(body.toCommand(caller));
        return json.ok(new PrekeysJson.Uploaded(true, caller.deviceId().value(), stored));
    }

    private ApiAnswer bundle(ApiRequest request, Caller caller) {
        UserId userId = QueryParams.required(request, "user_id", UserId::parse);
        DeviceId deviceId = QueryParams.optional(request, "device_id", DeviceId::parse).orElse(null);
        FetchPrekeyBundleQuery query = new FetchPrekeyBundleQuery(caller, userId, deviceId);
        return json.ok(PrekeysJson.Bundle.of(useCases.fetchPrekeyBundle().fetch(query)));
    }

    private ApiAnswer status(ApiRequest request, Caller caller) {
        return json.ok(PrekeysJson.Status.of(useCases.prekeyStatus().status(caller)));
    }
}
