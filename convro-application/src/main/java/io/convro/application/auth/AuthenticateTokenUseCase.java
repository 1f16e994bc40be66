package io.convro.application.auth;

import io.convro.application.shared.Caller;
import java.util.Optional;

/**
 * In-port: turn a bearer access token into the {@link Caller}. {@code UNAUTHORIZED} (missing, malformed,
 * badly signed), {@code TOKEN_EXPIRED}, {@code TOKEN_REVOKED} (device logged out or removed).
 */
public interface AuthenticateTokenUseCase {
    /** May read (and, once a minute per device, write) the store: for callers that may block. */
    Caller authenticate(String accessToken);

    /**
     * {@link #authenticate} for a caller that must not wait for the store (an event loop): the caller when the
     * answer is known without the store, empty when only {@link #authenticate} can tell (the device was not read
     * in the last second, or its {@code lastSeenAt} is due). A token that is refused for what it is itself
     * (missing, malformed, badly signed, expired) is refused here just the same.
     */
    default Optional<Caller> authenticateWithoutWaiting(String accessToken) {
        return Optional.empty();
    }
}
