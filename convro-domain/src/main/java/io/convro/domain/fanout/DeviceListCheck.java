package io.convro.domain.fanout;

import io.convro.domain.device.DeviceId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The fan-out's device-set check: a sender must address exactly the devices that should get a message, no fewer
 * (a new laptop would never see it) and no more (a removed phone would get it). The result names both differences,
 * so the client fetches bundles for the missing devices, drops the extra ones and retries.
 *
 * @param missing devices that should get the message but have no entry, in the expected set's order
 * @param extra   devices that have an entry but should not get it, in the entries' order
 */
public record DeviceListCheck(List<DeviceId> missing, List<DeviceId> extra) {
    public DeviceListCheck {
        missing = List.copyOf(missing);
        extra = List.copyOf(extra);
    }

    /** Compare the devices the entries name ({@code given}) with those that must get the message ({@code expected}). */
    public static DeviceListCheck compare(Collection<DeviceId> expected, Collection<DeviceId> given) {
        Set<DeviceId> expectedSet = new LinkedHashSet<>(expected);
        Set<DeviceId> givenSet = new LinkedHashSet<>(given);
        List<DeviceId> missing = new ArrayList<>();
        for (DeviceId device : expectedSet) {
            if (!givenSet.contains(device)) {
                missing.add(device);
            }
        }
        List<DeviceId> extra = new ArrayList<>();
        for (DeviceId device : givenSet) {
            if (!expectedSet.contains(device)) {
                extra.add(device);
            }
        }
        return new DeviceListCheck(missing, extra);
    }

    public boolean matches() {
        return missing.isEmpty() && extra.isEmpty();
    }

    /** Nothing if the lists match, else {@link DeviceListMismatchException} ({@code 409 DEVICE_LIST_MISMATCH}). */
    public void orThrow() {
        if (!matches()) {
            throw new DeviceListMismatchException(missing, extra);
        }
    }
}
