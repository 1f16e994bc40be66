package io.convro.application.auth;

import io.convro.application.shared.Caller;
import io.convro.application.shared.BoundedWork;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

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

    /**
     * {@link #authenticate} for a caller that must not wait (an event loop): at once when the store is not needed
     * ({@link #authenticateWithoutWaiting}), else on {@code blocking}. Never throws: every refusal is in the stage
     * (a full {@code blocking} is {@code SERVICE_UNAVAILABLE}).
     */
    default CompletionStage<Caller> authenticateSoon(String accessToken, BoundedWork blocking) {
        try {
            Optional<Caller> known = authenticateWithoutWaiting(accessToken);
            if (known.isPresent()) {
                return CompletableFuture.completedFuture(known.get());
            }
        } catch (RuntimeException refused) {
            return CompletableFuture.failedFuture(refused);
        }
        return blocking.supply(() -> authenticate(accessToken));
    }
}
