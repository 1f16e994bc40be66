package io.convro.application.devices;

import io.convro.application.shared.Caller;
import io.convro.domain.device.DeviceId;
import io.convro.domain.device.DeviceLabel;
import io.convro.domain.device.Platform;

/** Add {@code deviceId} to the caller's account, or update it. {@code platform} and {@code label} may be null (keep / unknown). */
public record RegisterDeviceCommand(Caller caller, DeviceId deviceId, Platform platform, DeviceLabel label) {
}
