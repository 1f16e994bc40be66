package io.convro.application.auth;

import io.convro.application.shared.Caller;

/**
 * In-port: turn a bearer access token into the {@link Caller}. {@code UNAUTHORIZED} (missing, malformed,
 * badly signed), {@code TOKEN_EXPIRED}, {@code TOKEN_REVOKED} (device logged out or removed).
 */
public interface AuthenticateTokenUseCase {
    Caller authenticate(String accessToken);
}
