package io.convro.application.devices;

/** The device after {@link RegisterDeviceUseCase}; {@code created} tells 201 from 200. */
public record RegisteredDevice(DeviceView device, boolean created) {
}
