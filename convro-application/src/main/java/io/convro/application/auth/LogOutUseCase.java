package io.convro.application.auth;

/**
 * In-port: revoke one refresh token (it must be the caller's user's, else {@code INVALID_REFRESH_TOKEN}),
 * or everything of the caller's device, or of every device of the user: then their access tokens stop
 * working and their sockets are closed.
 */
public interface LogOutUseCase {
    LogoutScope logOut(LogOutCommand command);
}
