package io.convro.adapter.http.status;

import io.convro.adapter.http.web.Access;
import io.convro.adapter.http.web.AuthFilter;
import io.convro.domain.DomainException;
import io.convro.domain.ErrorCode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
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
    public void register(RoutesConfig routes) {
        routes.get(PATH, this::metrics, Access.PUBLIC);
        routes.head(PATH, this::metrics, Access.PUBLIC);
    }

    private void metrics(Context ctx) {
        if (token != null) {
            byte[] presented = AuthFilter.bearerToken(ctx.header("Authorization")).getBytes(StandardCharsets.UTF_8);
            if (!MessageDigest.isEqual(presented, token)) {
                throw new DomainException(ErrorCode.UNAUTHORIZED, "GET /metrics needs the metrics token");
            }
        }
        ctx.header("Cache-Control", "no-store");
        ctx.contentType(CONTENT_TYPE).result(scrape.get());
    }
}
