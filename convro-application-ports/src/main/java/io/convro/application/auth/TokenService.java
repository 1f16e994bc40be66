package io.convro.application.auth;

import java.time.Instant;

/** Out-port: access tokens (signed JWTs) and refresh-token secrets. */
public interface TokenService {
    /** Sign an access token for {@code grant}, valid for the configured lifetime. */
    String issueAccessToken(AccessGrant grant);

    /**
     * Verify signature, algorithm, issuer and expiry. A missing, malformed, foreign-algorithm or badly
     * signed token is {@code UNAUTHORIZED}; an expired one {@code TOKEN_EXPIRED}.
     */
    AccessGrant verifyAccessToken(String token);

    /** A fresh refresh token: random jti (hex) and at least 32 random bytes of secret. */
    IssuedRefreshToken newRefreshToken();

    /**
     * The refresh token that replaces {@code presented} when it is rotated: derived from the presented token with a
     * keyed HMAC (the key comes from the server's secret), so every node, and every retry of the same rotation,
     * computes the same token while only its hash is ever stored. Unpredictable without both the key and the
     * presented secret.
     */
    IssuedRefreshToken successorOf(PresentedRefreshToken presented);

    /**
     * The access token issued together with {@code refresh}: dated {@code issuedAt} and with a {@code jti} derived
     * from the refresh token's secret, so the same arguments always sign the same token (a retried rotation gets the
     * very pair the first one got).
     */
    String accessTokenFor(AccessGrant grant, IssuedRefreshToken refresh, Instant issuedAt);

    /** Split {@code rt_<jti>_<secret>} (on the first two underscores); malformed is {@code INVALID_REFRESH_TOKEN}. */
    PresentedRefreshToken parseRefreshToken(String token);

    /** Whether the presented secret hashes to {@code storedSecretHash}, compared in constant time. */
    boolean refreshSecretMatches(PresentedRefreshToken presented, String storedSecretHash);
}
