package io.convro.adapter.http.status;

import io.convro.adapter.http.HealthProbe;
import io.convro.adapter.http.HttpSettings;
import io.convro.adapter.http.web.Access;
import io.convro.adapter.http.web.ErrorMapper;
import io.convro.adapter.http.web.OpenApiDocument;
import io.convro.domain.DomainException;
import io.convro.domain.ErrorCode;
import io.convro.domain.WireTime;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.time.Duration;
import java.time.Instant;

/**
 * {@code GET /health}, {@code GET /} (status page), {@code GET /openapi.json} (API.md §1) and {@code GET /docs} (the
 * API reference rendered from it), each answering {@code HEAD} too.
 */
public final class StatusRoutes {
    private final TimeBoxedHealth health;
    private final HealthProbe facts;
    private final HttpSettings settings;
    private final OpenApiDocument openApi;
    private final String statusPage;
    private final String statusPagePolicy;
    private final ApiReference apiReference = ApiReference.load();

    public StatusRoutes(TimeBoxedHealth health, HealthProbe facts, HttpSettings settings, OpenApiDocument openApi) {
        this.health = health;
        this.facts = facts;
        this.settings = settings;
        this.openApi = openApi;
        this.statusPage = StatusPage.render(settings.version(), openApi.tree());
        this.statusPagePolicy = StatusPage.contentSecurityPolicy(statusPage);
    }

    /** Every public {@code GET} answers {@code HEAD} too (load balancers probe with it): the same status and headers, no body. */
    public void register(RoutesConfig routes) {
        publicGet(routes, "/health", this::health);
        publicGet(routes, "/", ctx -> ctx.header("Content-Security-Policy", statusPagePolicy)
                .contentType("text/html; charset=utf-8").result(statusPage));
        publicGet(routes, "/openapi.json", ctx -> ctx.contentType("application/json").result(openApi.json()));
        publicGet(routes, ApiReference.PAGE_PATH, ctx -> ctx.header("Content-Security-Policy", ApiReference.CONTENT_SECURITY_POLICY)
                .contentType("text/html; charset=utf-8").result(apiReference.page()));
        publicGet(routes, ApiReference.ASSET_PATH, this::apiReferenceAsset);
    }

    private void apiReferenceAsset(Context ctx) {
        ApiReference.Asset asset = apiReference.asset(ctx.pathParam("asset"));
        if (asset == null) {
            throw new DomainException(ErrorCode.NOT_FOUND, "no such file");
        }
        ctx.header("Cache-Control", "public, max-age=3600").contentType(asset.type()).result(asset.bytes());
    }

    private static void publicGet(RoutesConfig routes, String path, Handler handler) {
        routes.get(path, handler, Access.PUBLIC);
        routes.head(path, handler, Access.PUBLIC);
    }

    private void health(Context ctx) {
        boolean up = health.databaseUp();
        Instant now = settings.clock().now();
        long uptime = Math.max(0, Duration.between(settings.startedAt(), now).toSeconds());
        ctx.header("Cache-Control", "no-store");
        if (!up) {
            ctx.header(ErrorMapper.RETRY_AFTER, ErrorMapper.DEFAULT_UNAVAILABLE_RETRY_AFTER_SECONDS);
        }
        ctx.status(up ? 200 : 503).json(new HealthJson(up ? "ok" : "degraded", up ? "up" : "down",
                WireTime.format(now), settings.version(), uptime, facts.database(), facts.redis().name(),
                facts.socketsConnected()));
    }

    /** The contract's five fields, then three of this node's own (docs/API-REFERENCE.md, "Health"). */
    record HealthJson(String status, String db, String timestamp, String version, long uptimeSeconds, String database,
                      String redis, int sockets) {
    }
}
