package io.convro.application.devices;

import io.convro.application.shared.Caller;
import java.util.List;

/** In-port: the caller's devices, removed ones included, oldest first. */
public interface ListDevicesUseCase {
    List<DeviceView> listDevices(Caller caller);
}
