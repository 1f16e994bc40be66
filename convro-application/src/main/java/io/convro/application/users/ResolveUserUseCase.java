package io.convro.application.users;

import io.convro.application.shared.Caller;

/**
 * In-port: find a user to talk to by convro number or username ({@code USER_NOT_FOUND} otherwise); each look-up
 * counts against the caller's budget ({@code RATE_LIMITED}).
 */
public interface ResolveUserUseCase {
    UserProfile resolve(Caller caller, ResolveUserQuery query);
}
