package io.convro.application.auth;

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

    /** Split {@code rt_<jti>_<secret>} (on the first two underscores); malformed is {@code INVALID_REFRESH_TOKEN}. */
    PresentedRefreshToken parseRefreshToken(String token);

    /** Whether the presented secret hashes to {@code storedSecretHash}, compared in constant time. */
    boolean refreshSecretMatches(PresentedRefreshToken presented, String storedSecretHash);
}
