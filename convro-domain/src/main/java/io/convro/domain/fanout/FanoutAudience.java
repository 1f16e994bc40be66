package io.convro.domain.fanout;

import io.convro.domain.device.DeviceId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Which devices must get a fan-out: the recipient user's active devices that uploaded prekeys (minus the sending
 * device when the recipient is the sender's own user), plus, when asked, the sender's other such devices.
 */
public final class FanoutAudience {
    private FanoutAudience() {
    }

    /**
     * @param recipientDevices the recipient user's active devices with prekeys, oldest first
     * @param senderDevices    the sending user's active devices with prekeys (read only when {@code includeOwnDevices})
     */
    public static List<DeviceId> expected(Collection<DeviceId> recipientDevices, DeviceId sendingDevice,
                                          Collection<DeviceId> senderDevices, boolean includeOwnDevices) {
        Set<DeviceId> expected = new LinkedHashSet<>(recipientDevices);
        if (includeOwnDevices) {
            expected.addAll(senderDevices);
        }
        expected.remove(sendingDevice);
        return new ArrayList<>(expected);
    }

    /** The whole check: the entries' devices against {@link #expected}. */
    public static DeviceListCheck check(List<DeviceId> expected, FanoutRecipients given) {
        return DeviceListCheck.compare(expected, given.devices());
    }
}
