package io.convro.application.realtime;

import io.convro.domain.device.DeviceId;

/**
 * Out-port: wakes devices up in realtime (room {@code device:<deviceId>}). Use cases call it only after
 * their transaction committed, never for data that was not stored. Delivery is best effort: a device
 * that missed an event catches up through history and conversations.
 */
public interface RealtimePublisher {
    /** Send {@code event} to every connected socket of {@code device}, on any node. */
    void publish(DeviceId device, RealtimeEvent event);

    /** Tell the device's sockets {@code device:revoked}, then close them, on any node. */
    void disconnect(DeviceId device);
}
