package io.convro.application.auth;

import io.convro.domain.device.DeviceId;
import io.convro.domain.user.ConvroNumber;
import io.convro.domain.user.UserId;
import io.convro.domain.user.Username;

/** The answer to a refresh: a new access token and the rotated refresh token. */
public record RefreshedTokens(UserId userId, DeviceId deviceId, ConvroNumber convroNumber, Username username,
                              String accessToken, String refreshToken) {
    @Override
    public String toString() {
        return "RefreshedTokens[userId=" + userId + ", deviceId=" + deviceId + "]";
    }
}
