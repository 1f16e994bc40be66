package io.convro.application.auth;

import io.convro.application.shared.Caller;

/** {@code me}: the authenticated caller is the answer; the token was checked against the store already. */
public final class GetCurrentUserService implements GetCurrentUserUseCase {
    @Override
    public Caller me(Caller caller) {
        return caller;
    }
}
