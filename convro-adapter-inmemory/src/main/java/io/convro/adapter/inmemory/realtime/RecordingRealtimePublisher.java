package io.convro.adapter.inmemory.realtime;

import io.convro.application.realtime.RealtimeEvent;
import io.convro.application.realtime.RealtimePublisher;
import io.convro.domain.device.DeviceId;
import io.convro.domain.group.GroupId;
import io.convro.domain.user.UserId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A {@link RealtimePublisher} that delivers nothing and remembers everything, in order, for tests:
 * each published (device, event) pair, each disconnect, each group publish and each room join or leave.
 * Thread-safe; every query returns a copy.
 */
public final class RecordingRealtimePublisher implements RealtimePublisher {
    /** One thing the publisher was asked to do. */
    public sealed interface Entry {
    }

    /** {@link #publish} was called. */
    public record Published(DeviceId device, RealtimeEvent event) implements Entry {
    }

    /** {@link #disconnect} was called. */
    public record Disconnected(DeviceId device) implements Entry {
    }

    /** {@link #publishToGroup} was called: one publish to the group's room ({@code exceptDevice} may be null). */
    public record PublishedToGroup(GroupId group, DeviceId exceptDevice, RealtimeEvent event) implements Entry {
    }

    /** {@link #joinGroupRoom} was called. */
    public record JoinedGroupRoom(UserId user, GroupId group) implements Entry {
    }

    /** {@link #leaveGroupRoom} was called. */
    public record LeftGroupRoom(UserId user, GroupId group) implements Entry {
    }

    private final List<Entry> entries = new ArrayList<>();

    @Override
    public synchronized void publish(DeviceId device, RealtimeEvent event) {
        entries.add(new Published(Objects.requireNonNull(device), Objects.requireNonNull(event)));
    }

    @Override
    public synchronized void disconnect(DeviceId device) {
        entries.add(new Disconnected(Objects.requireNonNull(device)));
    }

    @Override
    public synchronized void publishToGroup(GroupId group, DeviceId exceptDevice, RealtimeEvent event) {
        entries.add(new PublishedToGroup(Objects.requireNonNull(group), exceptDevice, Objects.requireNonNull(event)));
    }

    @Override
    public synchronized void joinGroupRoom(UserId user, GroupId group) {
        entries.add(new JoinedGroupRoom(Objects.requireNonNull(user), Objects.requireNonNull(group)));
    }

    @Override
    public synchronized void leaveGroupRoom(UserId user, GroupId group) {
        entries.add(new LeftGroupRoom(Objects.requireNonNull(user), Objects.requireNonNull(group)));
    }

    /** Every publish to a group's room, in order. */
    public synchronized List<PublishedToGroup> publishedToGroups() {
        List<PublishedToGroup> published = new ArrayList<>();
        for (Entry entry : entries) {
            if (entry instanceof PublishedToGroup toGroup) {
                published.add(toGroup);
            }
        }
        return List.copyOf(published);
    }

    /** Everything recorded, publishes and disconnects interleaved as they happened. */
    public synchronized List<Entry> entries() {
        return List.copyOf(entries);
    }

    /** Every published (device, event) pair, in order. */
    public synchronized List<Published> published() {
        List<Published> published = new ArrayList<>();
        for (Entry entry : entries) {
            if (entry instanceof Published pair) {
                published.add(pair);
            }
        }
        return List.copyOf(published);
    }

    /** The events published to {@code device}, in order. */
    public List<RealtimeEvent> eventsFor(DeviceId device) {
        return published().stream().filter(pair -> pair.device().equals(device)).map(Published::event).toList();
    }

    /** The events of one type published to {@code device}, in order. */
    public <E extends RealtimeEvent> List<E> eventsFor(DeviceId device, Class<E> type) {
        return eventsFor(device).stream().filter(type::isInstance).map(type::cast).toList();
    }

    /** The (device, event) pairs whose event has the wire name {@code name} (e.g. {@code dm:message}), in order. */
    public List<Published> eventsNamed(String name) {
        return published().stream().filter(pair -> pair.event().name().equals(name)).toList();
    }

    /** The devices disconnected, in order (a device disconnected twice appears twice). */
    public synchronized List<DeviceId> disconnected() {
        List<DeviceId> devices = new ArrayList<>();
        for (Entry entry : entries) {
            if (entry instanceof Disconnected disconnected) {
                devices.add(disconnected.device());
            }
        }
        return List.copyOf(devices);
    }

    /** Forget everything recorded so far. */
    public synchronized void clear() {
        entries.clear();
    }
}
