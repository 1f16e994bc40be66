package io.convro.domain.fanout;

import io.convro.domain.DomainException;
import io.convro.domain.ErrorCode;
import io.convro.domain.device.DeviceId;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The recipient devices of one fan-out, one per entry, in the entries' order: 1..20 of them, each at most once. */
public record FanoutRecipients(List<DeviceId> devices) {
    public static final int MAX = 20;

    /**
     * Checked in the contract's order: {@code NO_RECIPIENTS} (none), {@code TOO_MANY_RECIPIENTS} (over 20),
     * {@code DUPLICATE_RECIPIENT} (naming the first repeated entry as {@code messages[i].recipientDeviceId}).
     */
    public FanoutRecipients {
        if (devices == null || devices.isEmpty()) {
            throw new DomainException(ErrorCode.NO_RECIPIENTS, "messages must name at least one device", "messages");
        }
        if (devices.size() > MAX) {
            throw new DomainException(ErrorCode.TOO_MANY_RECIPIENTS, "at most " + MAX + " devices per fan-out", "messages");
        }
        Set<DeviceId> seen = new HashSet<>();
        for (int i = 0; i < devices.size(); i++) {
            if (!seen.add(devices.get(i))) {
                throw new DomainException(ErrorCode.DUPLICATE_RECIPIENT, "device " + devices.get(i) + " appears twice",
                        "messages[" + i + "].recipientDeviceId");
            }
        }
        devices = List.copyOf(devices);
    }

    public static FanoutRecipients of(List<DeviceId> devices) {
        return new FanoutRecipients(devices);
    }
}
