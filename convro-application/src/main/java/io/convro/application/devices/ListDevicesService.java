package io.convro.application.devices;

import io.convro.application.shared.Caller;
import java.util.List;

/** The caller's devices, oldest first, removed ones included. */
public final class ListDevicesService implements ListDevicesUseCase {
    private final DeviceViews views;

    public ListDevicesService(DeviceViews views) {
        this.views = views;
    }

    @Override
    public List<DeviceView> listDevices(Caller caller) {
        return views.of(caller.userId(), caller.deviceId());
    }
}
