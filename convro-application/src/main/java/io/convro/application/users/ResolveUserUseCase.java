package io.convro.application.users;

/** In-port: find a user to talk to by convro number or username ({@code USER_NOT_FOUND} otherwise). */
public interface ResolveUserUseCase {
    UserProfile resolve(ResolveUserQuery query);
}
