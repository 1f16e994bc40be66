package io.convro.adapter.http.auth;

import static io.convro.adapter.http.validation.WireValue.DEVICE_ID;
import static io.convro.adapter.http.validation.WireValue.DEVICE_LABEL;
import static io.convro.adapter.http.validation.WireValue.FULL_NAME;
import static io.convro.adapter.http.validation.WireValue.PASSWORD;
import static io.convro.adapter.http.validation.WireValue.PLATFORM;
import static io.convro.adapter.http.validation.WireValue.USERNAME;

import io.convro.adapter.http.validation.DomainValue;
import io.convro.application.auth.RegisterCommand;
import io.convro.domain.device.DeviceId;
import io.convro.domain.device.DeviceLabel;
import io.convro.domain.device.Platform;
import io.convro.domain.user.FullName;
import io.convro.domain.user.Password;
import io.convro.domain.user.Username;

/** Body of {@code POST /v1/auth/register}. */
record RegisterRequest(@DomainValue(value = PASSWORD, required = true) String password,
                       @DomainValue(USERNAME) String username,
                       @DomainValue(FULL_NAME) String fullName,
                       @DomainValue(DEVICE_ID) String deviceId,
                       @DomainValue(PLATFORM) String platform,
                       @DomainValue(DEVICE_LABEL) String deviceLabel) {

    RegisterCommand toCommand() {
        return new RegisterCommand(Password.parse(password),
                username == null ? null : Username.parse(username),
                fullName == null ? null : FullName.parse(fullName),
                deviceId == null ? null : DeviceId.parse(deviceId),
                Platform.parse(platform),
                deviceLabel == null ? null : DeviceLabel.parse(deviceLabel));
    }

    @Override
    public String toString() {
        return "RegisterRequest[username=" + username + ", deviceId=" + deviceId + "]";
    }
}
