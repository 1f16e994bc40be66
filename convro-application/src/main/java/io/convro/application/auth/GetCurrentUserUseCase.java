package io.convro.application.auth;

import io.convro.application.shared.Caller;

/** In-port: who the caller is ({@code GET /v1/auth/me}). */
public interface GetCurrentUserUseCase {
    Caller me(Caller caller);
}
