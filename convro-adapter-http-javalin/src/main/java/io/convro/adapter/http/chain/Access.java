package io.convro.adapter.http.chain;

/** Who may call a route: each route declares it in the table, the chain checks it. */
public enum Access {
    /** No token needed ({@code /health}, register, login, refresh, the status page). */
    PUBLIC,
    /** {@code Authorization: Bearer <accessToken>} required. */
    BEARER
}
