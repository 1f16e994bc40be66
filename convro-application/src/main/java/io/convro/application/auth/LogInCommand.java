package io.convro.application.auth;

import io.convro.domain.device.DeviceId;
import io.convro.domain.device.DeviceLabel;
import io.convro.domain.device.Platform;
import io.convro.domain.user.Password;

/**
 * Sign in. The identifiers stay raw text on purpose: a malformed number or username must be answered
 * exactly like an unknown user ({@code INVALID_CREDENTIALS}, same time). {@code convroNumber} wins when
 * both are given; neither is {@code MISSING_LOGIN_IDENTIFIER}. {@code deviceId}, {@code platform} and
 * {@code label} may be null.
 */
public record LogInCommand(Password password, String convroNumber, String username, DeviceId deviceId,
                           Platform platform, DeviceLabel label) {
}
