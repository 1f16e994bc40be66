package io.convro.application.auth;

import io.convro.domain.device.DeviceId;
import io.convro.domain.user.ConvroNumber;
import io.convro.domain.user.UserId;
import io.convro.domain.user.Username;

/**
 * What an access token says: who, from which device, and the device's token generation at issue time
 * (a token of an older generation was revoked). {@code username} may be null.
 */
public record AccessGrant(UserId userId, DeviceId deviceId, ConvroNumber convroNumber, Username username,
                          long tokenGeneration) {
}
