package io.convro.adapter.http.auth;

import io.convro.application.auth.LogOutCommand;
import io.convro.application.auth.LogoutScope;
import io.convro.application.shared.Caller;

/**
 * Body of {@code POST /v1/auth/logout}. When several scopes are named, the broadest wins
 * ({@code allForUser} over {@code refreshToken} over the device default): a client asking for more
 * revocation never gets less.
 */
record LogOutRequest(String refreshToken, Boolean allForDevice, Boolean allForUser) {
    static final LogOutRequest DEVICE_DEFAULT = new LogOutRequest(null, Boolean.TRUE, null);

    LogOutCommand toCommand(Caller caller) {
        if (Boolean.TRUE.equals(allForUser)) {
            return new LogOutCommand(caller, LogoutScope.USER, null);
        }
        if (refreshToken != null) {
            return new LogOutCommand(caller, LogoutScope.SINGLE, refreshToken);
        }
        return new LogOutCommand(caller, LogoutScope.DEVICE, null);
    }

    @Override
    public String toString() {
        return "LogOutRequest[allForDevice=" + allForDevice + ", allForUser=" + allForUser + "]";
    }
}
