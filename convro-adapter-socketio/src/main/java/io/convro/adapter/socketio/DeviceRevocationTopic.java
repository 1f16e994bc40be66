package io.convro.adapter.socketio;

import io.convro.domain.device.DeviceId;
import java.util.function.Consumer;
import org.redisson.api.RTopic;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Spreads device revocations over every node: netty-socketio's Redisson store carries room broadcasts but not
 * "close these sockets", so each node listens on {@code convro:device-revoked}, stops trusting what it remembers of
 * the named device's tokens and closes its own sockets of it. The revoking node does so at once and publishes in the
 * background: with Redis down the revocation still holds here, and on other nodes once their remembered standing of
 * the device expires (within a second). It hears its own message too; revoking twice finds no socket left.
 */
final class DeviceRevocationTopic implements Consumer<DeviceId>, AutoCloseable {
    static final String NAME = "convro:device-revoked";
    private static final Logger log = LoggerFactory.getLogger(DeviceRevocationTopic.class);

    private final RTopic topic;
    private final int listenerId;
    private final Consumer<DeviceId> revoked;
    private final BackgroundPublisher publisher;

    /** @param revoked what this node does for a revoked device: forget its standing, close its local sockets */
    DeviceRevocationTopic(RedissonClient redisson, Consumer<DeviceId> revoked, BackgroundPublisher publisher) {
        this.revoked = revoked;
        this.publisher = publisher;
        this.topic = redisson.getTopic(NAME, StringCodec.INSTANCE);
        this.listenerId = topic.addListener(String.class, (channel, deviceId) -> {
            try {
                revoked.accept(DeviceId.parse(deviceId));
            } catch (RuntimeException bad) {
                log.warn("[WS] Ignored a malformed message on {}", NAME, bad);
            }
        });
    }

    @Override
    public void accept(DeviceId device) {
        revoked.accept(device);
        publisher.submit(NAME, () -> topic.publish(device.value()));
    }

    @Override
    public void close() {
        topic.removeListener(listenerId);
    }
}
