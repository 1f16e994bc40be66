package io.convro.application.auth;

import io.convro.domain.device.DeviceId;

/**
 * In-port: a device's tokens were revoked (logout or removal, on this node or another); this node stops
 * trusting what it remembers of the device. Inbound adapters that carry revocations between nodes call it.
 */
public interface ForgetRevokedDeviceUseCase {
    void forget(DeviceId device);
}
