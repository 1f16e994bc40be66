package io.convro.application.auth;

import io.convro.domain.device.DeviceId;
import io.convro.domain.device.Platform;
import io.convro.domain.user.ConvroNumber;
import io.convro.domain.user.FullName;
import io.convro.domain.user.UserId;
import io.convro.domain.user.Username;

/** The answer to register and login: the account, the signed-in device and its two tokens. */
public record AuthSession(UserId userId, ConvroNumber convroNumber, Username username, FullName fullName,
                          DeviceId deviceId, Platform platform, String accessToken, String refreshToken) {
    @Override
    public String toString() {
        return "AuthSession[userId=" + userId + ", deviceId=" + deviceId + "]";
    }
}
