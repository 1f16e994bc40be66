package io.convro.application.auth;

import io.convro.domain.device.DeviceId;
import io.convro.domain.device.DeviceLabel;
import io.convro.domain.device.Platform;
import io.convro.domain.user.FullName;
import io.convro.domain.user.Password;
import io.convro.domain.user.Username;

/**
 * Create an account and its first device. {@code username}, {@code fullName}, {@code deviceId} (generated)
 * and {@code label} may be null; a null {@code platform} means {@code unknown}.
 */
public record RegisterCommand(Password password, Username username, FullName fullName, DeviceId deviceId,
                              Platform platform, DeviceLabel label) {
}
