package io.convro.application.shared;

import io.convro.domain.device.DeviceId;
import io.convro.domain.user.ConvroNumber;
import io.convro.domain.user.UserId;
import io.convro.domain.user.Username;

/**
 * Who is calling: the user and device of a verified, unrevoked access token.
 *
 * @param username may be {@code null}
 */
public record Caller(UserId userId, DeviceId deviceId, ConvroNumber convroNumber, Username username) {
}
