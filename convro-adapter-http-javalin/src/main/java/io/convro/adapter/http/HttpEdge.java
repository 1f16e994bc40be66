package io.convro.adapter.http;

import io.convro.adapter.http.web.CorsPolicy;
import io.convro.adapter.http.web.TrustedProxies;
import java.util.Objects;

/**
 * What the HTTP adapter needs to know of the network in front of it.
 *
 * @param cors            the browser origins allowed to call the API ({@code CONVRO_CORS_ORIGINS})
 * @param trustedProxies  whose {@code X-Forwarded-For} entries count for the client's address
 *                        ({@code CONVRO_TRUSTED_PROXIES}; loopback always)
 */
public record HttpEdge(CorsPolicy cors, TrustedProxies trustedProxies) {
    public HttpEdge {
        Objects.requireNonNull(cors, "cors");
        Objects.requireNonNull(trustedProxies, "trustedProxies");
    }

    /** No CORS, only loopback trusted: what the server did before either was configurable. */
    public static HttpEdge defaults() {
        return new HttpEdge(CorsPolicy.none(), TrustedProxies.loopbackOnly());
    }
}
