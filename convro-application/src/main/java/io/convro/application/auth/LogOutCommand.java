package io.convro.application.auth;

import io.convro.application.shared.Caller;

/** Log out in {@code scope}; {@code refreshToken} is required for {@link LogoutScope#SINGLE} only. */
public record LogOutCommand(Caller caller, LogoutScope scope, String refreshToken) {
    @Override
    public String toString() {
        return "LogOutCommand[caller=" + caller + ", scope=" + scope + "]";
    }
}
