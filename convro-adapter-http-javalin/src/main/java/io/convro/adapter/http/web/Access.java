package io.convro.adapter.http.web;

import io.javalin.security.RouteRole;

/** Who may call a route: each route declares it where it is registered, the auth filter reads it. */
public enum Access implements RouteRole {
    /** No token needed ({@code /health}, register, login, refresh, the status page). */
    PUBLIC,
    /** {@code Authorization: Bearer <accessToken>} required. */
    BEARER
}
