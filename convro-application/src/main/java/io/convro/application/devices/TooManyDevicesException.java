package io.convro.application.devices;

import io.convro.domain.DomainException;
import io.convro.domain.ErrorCode;
import java.util.List;

/** {@code TOO_MANY_DEVICES}, carrying the account's devices so a client can sign in as one of them. */
public final class TooManyDevicesException extends DomainException {
    private final transient List<DeviceView> devices;

    public TooManyDevicesException(List<DeviceView> devices) {
        super(ErrorCode.TOO_MANY_DEVICES, "an account may have at most 10 active devices");
        this.devices = List.copyOf(devices);
    }

    public List<DeviceView> devices() {
        return devices;
    }
}
