package io.convro.application.auth;

/** A refresh token as a client presented it, split into its id and its secret. */
public record PresentedRefreshToken(String jti, String secret) {
    @Override
    public String toString() {
        return "PresentedRefreshToken[jti=" + jti + "]";
    }
}
