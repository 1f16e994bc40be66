package io.convro.adapter.http.prekeys;

import io.convro.adapter.http.HttpUseCases;
import io.convro.adapter.http.web.Access;
import io.convro.adapter.http.web.Callers;
import io.convro.adapter.http.web.QueryParams;
import io.convro.adapter.http.web.RequestBodies;
import io.convro.application.prekeys.FetchPrekeyBundleQuery;
import io.convro.application.prekeys.FetchPrekeyBundlesQuery;
import io.convro.application.prekeys.PrekeyBundle;
import io.convro.application.shared.Caller;
import io.convro.domain.device.DeviceId;
import io.convro.domain.user.UserId;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.List;

/** {@code /v1/prekeys/upload|bundle|status} (API.md §4) and {@code bundles} (§9). */
public final class PrekeyRoutes {
    private final HttpUseCases useCases;
    private final RequestBodies bodies;

    public PrekeyRoutes(HttpUseCases useCases, RequestBodies bodies) {
        this.useCases = useCases;
        this.bodies = bodies;
    }

    public void register(RoutesConfig routes) {
        routes.post("/v1/prekeys/upload", this::upload, Access.BEARER);
        routes.get("/v1/prekeys/bundle", this::bundle, Access.BEARER);
        routes.get("/v1/prekeys/status", this::status, Access.BEARER);
        routes.get("/v1/prekeys/bundles", this::bundles, Access.BEARER);
    }

    private void bundles(Context ctx) {
        UserId userId = QueryParams.required(ctx, "user_id", UserId::parse);
        List<PrekeyBundle> bundles = useCases.fetchPrekeyBundles().fetchAll(new FetchPrekeyBundlesQuery(Callers.of(ctx), userId));
        ctx.json(new PrekeysJson.Bundles(userId.value(), bundles.stream().map(PrekeysJson.Bundle::of).toList()));
    }

    private void upload(Context ctx) {
        Caller caller = Callers.of(ctx);
        UploadPrekeysRequest request = bodies.read(ctx, UploadPrekeysRequest.class);
        int stored = useCases.uploadPrekeys().upload(request.toCommand(caller));
        ctx.json(new PrekeysJson.Uploaded(true, caller.deviceId().value(), stored));
    }

    private void bundle(Context ctx) {
        UserId userId = QueryParams.required(ctx, "user_id", UserId::parse);
        DeviceId deviceId = QueryParams.optional(ctx, "device_id", DeviceId::parse).orElse(null);
        FetchPrekeyBundleQuery query = new FetchPrekeyBundleQuery(Callers.of(ctx), userId, deviceId);
        ctx.json(PrekeysJson.Bundle.of(useCases.fetchPrekeyBundle().fetch(query)));
    }

    private void status(Context ctx) {
        ctx.json(PrekeysJson.Status.of(useCases.getPrekeyStatus().status(Callers.of(ctx))));
    }
}
