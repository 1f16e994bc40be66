package io.convro.adapter.http.chain;

/**
 * Which budget per client address a route draws from (only the HTTP adapter knows the address): the public auth
 * routes share one configured limit, look-ups of users another. A deployment may turn either off.
 */
public enum PerAddressLimit {
    /** Register, login, refresh: what stands between the internet and password guessing or account farming. */
    AUTH,
    /** {@code GET /v1/users/resolve}: enumeration from one address through many accounts. */
    RESOLVE
}
