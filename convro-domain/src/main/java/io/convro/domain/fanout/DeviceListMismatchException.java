package io.convro.domain.fanout;

import io.convro.domain.DomainException;
import io.convro.domain.ErrorCode;
import io.convro.domain.device.DeviceId;
import java.util.List;

/** {@code DEVICE_LIST_MISMATCH}: the fan-out's entries do not name exactly the devices that must get the message. */
public final class DeviceListMismatchException extends DomainException {
    private final List<DeviceId> missingDevices;
    private final List<DeviceId> extraDevices;

    public DeviceListMismatchException(List<DeviceId> missingDevices, List<DeviceId> extraDevices) {
        super(ErrorCode.DEVICE_LIST_MISMATCH, "the entries must name exactly the recipient's active devices", "messages");
        this.missingDevices = List.copyOf(missingDevices);
        this.extraDevices = List.copyOf(extraDevices);
    }

    /** Devices that must get the message but have no entry: fetch their bundles, open sessions, retry. */
    public List<DeviceId> missingDevices() {
        return missingDevices;
    }

    /** Devices that have an entry but must not get the message (removed, or never uploaded prekeys). */
    public List<DeviceId> extraDevices() {
        return extraDevices;
    }
}
