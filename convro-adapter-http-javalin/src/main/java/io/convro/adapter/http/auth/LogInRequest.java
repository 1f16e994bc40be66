package io.convro.adapter.http.auth;

import static io.convro.adapter.http.validation.WireValue.DEVICE_ID;
import static io.convro.adapter.http.validation.WireValue.DEVICE_LABEL;
import static io.convro.adapter.http.validation.WireValue.PLATFORM;

import io.convro.adapter.http.validation.DomainValue;
import io.convro.application.auth.LogInCommand;
import io.convro.domain.device.DeviceId;
import io.convro.domain.device.DeviceLabel;
import io.convro.domain.device.Platform;
import io.convro.domain.user.Password;

/**
 * Body of {@code POST /v1/auth/login}. Password and identifiers are not shape-checked here: a malformed
 * one must look exactly like an unknown user ({@code INVALID_CREDENTIALS}), which the use case decides.
 */
record LogInRequest(String password,
                    String username,
                    String convroNumber,
                    @DomainValue(DEVICE_ID) String deviceId,
                    @DomainValue(PLATFORM) String platform,
                    @DomainValue(DEVICE_LABEL) String deviceLabel) {

    LogInCommand toCommand() {
        return new LogInCommand(Password.offered(password), convroNumber, username,
                deviceId == null ? null : DeviceId.parse(deviceId),
                // absent stays null: an existing device keeps its own platform
                platform == null ? null : Platform.parse(platform),
                deviceLabel == null ? null : DeviceLabel.parse(deviceLabel));
    }

    @Override
    public String toString() {
        return "LogInRequest[username=" + username + ", convroNumber=" + convroNumber + ", deviceId=" + deviceId + "]";
    }
}
