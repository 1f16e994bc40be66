package io.convro.adapter.http.status;

import io.convro.adapter.http.chain.Access;
import io.convro.adapter.http.chain.ApiAnswer;
import io.convro.adapter.http.chain.ApiRequest;
import io.convro.adapter.http.chain.Chain;
import io.convro.adapter.http.chain.Route;
import io.convro.application.shared.Caller;
import io.convro.domain.DomainException;
import io.convro.domain.ErrorCode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code GET /metrics}: the node's meters in the Prometheus text format. Public, unless a token is configured
 * ({@code CONVRO_METRICS_TOKEN}): then only {@code Authorization: Bearer <that token>} is answered, anything else
 * {@code 401 UNAUTHORIZED} in the API's error shape. The token is compared in constant time.
 */
public final class MetricsRoute {
    public static final String PATH = "/metrics";
    /** Prometheus' text exposition format. */
    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final Supplier<String> scrape;
    private final byte[] token;

    /** @param token the bearer token required, {@code null} for none */
    public MetricsRoute(Supplier<String> scrape, String token) {
        this.scrape = scrape;
        this.token = token == null ? null : token.getBytes(StandardCharsets.UTF_8);
    }

    /** {@code HEAD} too, as on every public {@code GET} (behind the same token when one is set). */
    public List<Route> routes() {
        Route get = Route.blocking("GET", PATH, Access.PUBLIC, this::metrics);
        return List.of(get, get.asHead());
    }

    private ApiAnswer metrics(ApiRequest request, Caller none) {
        if (token != null) {
            byte[] presented = Chain.bearerToken(request.header("Authorization")).getBytes(StandardCharsets.UTF_8);
            if (!MessageDigest.isEqual(presented, token)) {
                throw new DomainException(ErrorCode.UNAUTHORIZED, "GET /metrics needs the metrics token");
            }
        }
        return new ApiAnswer(200, Map.of("Cache-Control", "no-store"), CONTENT_TYPE,
                scrape.get().getBytes(StandardCharsets.UTF_8));
    }
}
