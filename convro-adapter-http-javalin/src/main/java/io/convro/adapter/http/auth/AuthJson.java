package io.convro.adapter.http.auth;

import io.convro.application.auth.AuthSession;
import io.convro.application.auth.RefreshedTokens;
import io.convro.application.shared.Caller;
import io.convro.domain.device.Platform;
import io.convro.domain.user.FullName;
import io.convro.domain.user.Username;

/** Response bodies of the auth routes, field for field as in API.md §2 (nulls are written, not omitted). */
final class AuthJson {
    private AuthJson() {
    }

    record Session(long userId, String convroNumber, String username, String fullName, String deviceId,
                   String platform, String accessToken, String refreshToken) {
        static Session of(AuthSession session) {
            return new Session(session.userId().value(), session.convroNumber().value(), name(session.username()),
                    name(session.fullName()), session.deviceId().value(),
                    (session.platform() == null ? Platform.UNKNOWN : session.platform()).wireName(),
                    session.accessToken(), session.refreshToken());
        }

        @Override
        public String toString() {
            return "Session[userId=" + userId + ", deviceId=" + deviceId + "]";
        }
    }

    record Refreshed(long userId, String deviceId, String convroNumber, String username, String accessToken,
                     String refreshToken) {
        static Refreshed of(RefreshedTokens tokens) {
            return new Refreshed(tokens.userId().value(), tokens.deviceId().value(), tokens.convroNumber().value(),
                    name(tokens.username()), tokens.accessToken(), tokens.refreshToken());
        }

        @Override
        public String toString() {
            return "Refreshed[userId=" + userId + ", deviceId=" + deviceId + "]";
        }
    }

    record Me(long userId, String deviceId, String convroNumber, String username) {
        static Me of(Caller caller) {
            return new Me(caller.userId().value(), caller.deviceId().value(), caller.convroNumber().value(),
                    name(caller.username()));
        }
    }

    record LoggedOut(boolean ok, String scope) {
    }

    static String name(Username username) {
        return username == null ? null : username.value();
    }

    static String name(FullName fullName) {
        return fullName == null ? null : fullName.value();
    }
}
