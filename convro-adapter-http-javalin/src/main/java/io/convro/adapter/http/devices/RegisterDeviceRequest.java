package io.convro.adapter.http.devices;

import static io.convro.adapter.http.validation.WireValue.DEVICE_ID;
import static io.convro.adapter.http.validation.WireValue.DEVICE_LABEL;
import static io.convro.adapter.http.validation.WireValue.PLATFORM;

import io.convro.adapter.http.validation.DomainValue;
import io.convro.application.devices.RegisterDeviceCommand;
import io.convro.application.shared.Caller;
import io.convro.domain.device.DeviceId;
import io.convro.domain.device.DeviceLabel;
import io.convro.domain.device.Platform;

/** Body of {@code POST /v1/auth/devices/register}. */
record RegisterDeviceRequest(@DomainValue(value = DEVICE_ID, required = true) String deviceId,
                             @DomainValue(PLATFORM) String platform,
                             @DomainValue(DEVICE_LABEL) String deviceLabel) {

    RegisterDeviceCommand toCommand(Caller caller) {
        return new RegisterDeviceCommand(caller, DeviceId.parse(deviceId),
                platform == null ? null : Platform.parse(platform),
                deviceLabel == null ? null : DeviceLabel.parse(deviceLabel));
    }
}
