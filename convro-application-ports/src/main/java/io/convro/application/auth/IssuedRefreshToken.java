package io.convro.application.auth;

/**
 * A new refresh token: {@code token} ({@code rt_<jti>_<secret>}) goes to the client once; the server
 * keeps only {@code jti} and {@code secretHash} (hex SHA-256 of the secret).
 */
public record IssuedRefreshToken(String jti, String token, String secretHash) {
    @Override
    public String toString() {
        return "IssuedRefreshToken[jti=" + jti + "]";
    }
}
