package io.convro.application.devices;

import io.convro.application.shared.Caller;
import io.convro.domain.device.DeviceId;

/**
 * In-port: remove one of the caller's devices: refresh tokens revoked, access tokens rejected, sockets
 * closed, prekeys deleted, sessions CLOSED. Not the caller's: {@code DEVICE_NOT_FOUND}. Removing an
 * already removed device is a no-op.
 */
public interface RemoveDeviceUseCase {
    void removeDevice(Caller caller, DeviceId deviceId);
}
