package io.convro.application.devices;

/**
 * In-port: add a device id to the caller's account (no tokens: the device logs in with it), or update
 * platform/label of one of the caller's devices. Another user's id is {@code DEVICE_ID_TAKEN}; an 11th
 * active device is {@code TOO_MANY_DEVICES}.
 */
public interface RegisterDeviceUseCase {
    RegisteredDevice registerDevice(RegisterDeviceCommand command);
}
