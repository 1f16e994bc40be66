package io.convro.adapter.http.status;

import io.convro.adapter.http.HealthProbe;
import io.convro.adapter.http.HttpSettings;
import io.convro.adapter.http.chain.Access;
import io.convro.adapter.http.chain.ApiAnswer;
import io.convro.adapter.http.chain.ApiRequest;
import io.convro.adapter.http.chain.JsonAnswers;
import io.convro.adapter.http.chain.Route;
import io.convro.adapter.http.web.ErrorMapper;
import io.convro.adapter.http.web.OpenApiDocument;
import io.convro.application.shared.Caller;
import io.convro.domain.DomainException;
import io.convro.domain.ErrorCode;
import io.convro.domain.WireTime;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * {@code GET /health}, {@code GET /} (status page), {@code GET /openapi.json} (API.md §1) and {@code GET /docs} (the
 * API reference rendered from it), each answering {@code HEAD} too.
 */
public final class StatusRoutes {
    private static final String HTML = "text/html; charset=utf-8";
    private static final String CONTENT_SECURITY_POLICY = "Content-Security-Policy";

    private final TimeBoxedHealth health;
    private final HealthProbe facts;
    private final HttpSettings settings;
    private final JsonAnswers json;
    private final ApiAnswer statusPage;
    private final ApiAnswer openApiDocument;
    private final ApiAnswer apiReferencePage;
    private final ApiReference apiReference = ApiReference.load();

    public StatusRoutes(TimeBoxedHealth health, HealthProbe facts, HttpSettings settings, OpenApiDocument openApi,
                        JsonAnswers json) {
        this.health = health;
        this.facts = facts;
        this.settings = settings;
        this.json = json;
        String page = StatusPage.render(settings.version(), openApi.tree());
        this.statusPage = new ApiAnswer(200, Map.of(CONTENT_SECURITY_POLICY, StatusPage.contentSecurityPolicy(page)), HTML,
                page.getBytes(StandardCharsets.UTF_8));
        this.openApiDocument = new ApiAnswer(200, Map.of(), "application/json", openApi.json().getBytes(StandardCharsets.UTF_8));
        this.apiReferencePage = new ApiAnswer(200, Map.of(CONTENT_SECURITY_POLICY, ApiReference.CONTENT_SECURITY_POLICY), HTML,
                apiReference.page());
    }

    /** Every public {@code GET} answers {@code HEAD} too (load balancers probe with it): the same status and headers, no body. */
    public List<Route> routes() {
        List<Route> routes = new ArrayList<>();
        publicGet(routes, "/health", (request, none) -> health.databaseUpSoon().thenApply(this::health));
        publicGet(routes, "/", (request, none) -> answered(statusPage));
        publicGet(routes, "/openapi.json", (request, none) -> answered(openApiDocument));
        publicGet(routes, ApiReference.PAGE_PATH, (request, none) -> answered(apiReferencePage));
        publicGet(routes, ApiReference.ASSET_PATH, this::apiReferenceAsset);
        return routes;
    }

    private CompletionStage<ApiAnswer> apiReferenceAsset(ApiRequest request, Caller none) {
        ApiReference.Asset asset = apiReference.asset(request.pathParam("asset"));
        if (asset == null) {
            throw new DomainException(ErrorCode.NOT_FOUND, "no such file");
        }
        return answered(new ApiAnswer(200, Map.of("Cache-Control", "public, max-age=3600"), asset.type(), asset.bytes()));
    }

    private static CompletionStage<ApiAnswer> answered(ApiAnswer answer) {
        return CompletableFuture.completedFuture(answer);
    }

    /**
     * None of them waits on the thread that runs it: the pages are made once, and {@code /health} waits only for
     * its own time-boxed probe, on the probe's thread. So the one public port answers them on its event loop, behind
     * no pool, however busy the routes that wait for the database are.
     */
    private static void publicGet(List<Route> routes, String path, Route.Handler handler) {
        Route get = Route.nonBlocking("GET", path, Access.PUBLIC, handler);
        routes.add(get);
        routes.add(get.asHead());
    }

    private ApiAnswer health(boolean up) {
        Instant now = settings.clock().now();
        long uptime = Math.max(0, Duration.between(settings.startedAt(), now).toSeconds());
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Cache-Control", "no-store");
        if (!up) {
            headers.put(ErrorMapper.RETRY_AFTER, ErrorMapper.DEFAULT_UNAVAILABLE_RETRY_AFTER_SECONDS);
        }
        return new ApiAnswer(up ? 200 : 503, headers, ApiAnswer.JSON, json.bytes(new HealthJson(up ? "ok" : "degraded",
                up ? "up" : "down", WireTime.format(now), settings.version(), uptime, facts.database(), facts.redis().name(),
                facts.socketsConnected())));
    }

    /** The contract's five fields, then three of this node's own (docs/API-REFERENCE.md, "Health"). */
    record HealthJson(String status, String db, String timestamp, String version, long uptimeSeconds, String database,
                      String redis, int sockets) {
    }
}
