package io.convro.adapter.socketio;

import io.convro.domain.device.DeviceId;
import io.convro.domain.group.GroupId;
import io.convro.domain.user.UserId;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.redisson.api.RTopic;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group rooms across nodes. netty-socketio's store would carry a room broadcast but cannot leave the sending device's
 * sockets out on another node, nor make another node's sockets of a user join a room; so every node listens on
 * {@code convro:group-rooms}, where joins, leaves and group events travel, ONE channel so that each node applies them
 * in the order they were published: a join published before a message is applied before it everywhere. This node
 * applies each at once and ignores its own messages when they come back.
 *
 * <p>A join or leave is published before the membership change is answered (waiting for Redis at most
 * {@link #MEMBERSHIP_WAIT}), so a message posted after the answer, on any node, comes after it on the channel. A group
 * event is published in the background, as every other realtime event.
 */
final class GroupRoomTopic implements GroupRoomRelay, AutoCloseable {
    static final String NAME = "convro:group-rooms";
    static final Duration MEMBERSHIP_WAIT = Duration.ofSeconds(1);
    private static final Logger log = LoggerFactory.getLogger(GroupRoomTopic.class);
    private static final char SEPARATOR = '\t';

    private final String node = UUID.randomUUID().toString();
    private final GroupRooms local;
    private final RTopic topic;
    private final int listenerId;
    private final BackgroundPublisher publisher;

    GroupRoomTopic(RedissonClient redisson, GroupRooms local, BackgroundPublisher publisher) {
        this.local = local;
        this.publisher = publisher;
        this.topic = redisson.getTopic(NAME, StringCodec.INSTANCE);
        this.listenerId = topic.addListener(String.class, (channel, message) -> {
            try {
                apply(message);
            } catch (RuntimeException bad) {
                log.warn("[WS] Ignored a malformed message on {}", NAME, bad);
            }
        });
    }

    @Override
    public void join(UserId user, GroupId group) {
        local.join(user, group);
        publishNow("J", group.value(), Long.toString(user.value()));
    }

    @Override
    public void leave(UserId user, GroupId group) {
        local.leave(user, group);
        publishNow("L", group.value(), Long.toString(user.value()));
    }

    @Override
    public void send(GroupId group, DeviceId exceptDevice, String name, String json) {
        local.send(group, exceptDevice, name, json);
        String message = String.join(String.valueOf(SEPARATOR), node, "M", group.value(),
                exceptDevice == null ? "-" : exceptDevice.value(), name, json);
        publisher.submit(NAME + " " + name, () -> topic.publish(message));
    }

    private void publishNow(String op, String group, String user) {
        String message = String.join(String.valueOf(SEPARATOR), node, op, group, user);
        try {
            topic.publishAsync(message).toCompletableFuture().get(MEMBERSHIP_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException | RuntimeException failed) {
            // the change is stored: sockets on other nodes catch up when they reconnect (they join on connect)
            log.warn("[WS] Group room change not sent to other nodes ({}): {}", NAME, failed.getClass().getSimpleName());
        }
    }

    private void apply(String message) {
        String[] parts = message.split(String.valueOf(SEPARATOR), 6);
        if (parts[0].equals(node)) {
            return;
        }
        GroupId group = GroupId.parse(parts[2]);
        switch (parts[1]) {
            case "J" -> local.join(UserId.of(Long.parseLong(parts[3])), group);
            case "L" -> local.leave(UserId.of(Long.parseLong(parts[3])), group);
            case "M" -> local.send(group, "-".equals(parts[3]) ? null : DeviceId.parse(parts[3]), parts[4], parts[5]);
            default -> throw new IllegalArgumentException("unknown operation");
        }
    }

    @Override
    public void close() {
        topic.removeListener(listenerId);
    }
}
