package io.convro.application.auth;

import io.convro.application.shared.BoundedCache;
import io.convro.application.shared.BoundedCaches;
import io.convro.application.shared.Clock;
import io.convro.domain.device.Device;
import io.convro.domain.device.DeviceId;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * What token authentication remembers of the devices it recently read, so that a busy device costs the store
 * one read a second instead of one per request. A remembered device is used for at most {@link #MAX_AGE};
 * {@link #forget(DeviceId)} (a logout or removal, here or on another node) drops it at once, and a read that
 * started before the forgetting is not remembered. Together: revoked tokens fail on this node as soon as it
 * hears of the revocation, and on every node within {@link #MAX_AGE} even if it never hears of it.
 *
 * <p>Only a standing that lets the token through is trusted; one that would refuse it is read again first
 * (a device re-activated by a login must not be refused for a second).
 */
public final class DeviceStandings implements ForgetRevokedDeviceUseCase {
    /** The longest a remembered device row is trusted. */
    public static final Duration MAX_AGE = Duration.ofSeconds(1);
    /** The most devices remembered (beyond, some are forgotten: a re-read costs one look-up). */
    static final int CAPACITY = 100_000;
    /** Its name in the metrics. */
    public static final String CACHE_NAME = "device-standings";

    private sealed interface Entry permits Known, Forgotten {
        Instant at();
    }

    /** A device row as read at {@code at}. */
    private record Known(Device device, Instant at) implements Entry {
    }

    /** The device was revoked at {@code at}: reads started before then are stale. */
    private record Forgotten(Instant at) implements Entry {
    }

    private final BoundedCache<DeviceId, Entry> entries;
    private final Clock clock;

    /** Remembered in a map cleared when full (tests). */
    public DeviceStandings(Clock clock) {
        this(clock, BoundedCaches.clearedWhenFull());
    }

    public DeviceStandings(Clock clock, BoundedCaches caches) {
        this.clock = clock;
        this.entries = caches.create(CACHE_NAME, CAPACITY);
    }

    /** The device as read less than {@link #MAX_AGE} before {@code now}, if remembered. */
    Optional<Device> recent(DeviceId id, Instant now) {
        return entries.get(id) instanceof Known known && now.isBefore(known.at().plus(MAX_AGE))
                ? Optional.of(known.device()) : Optional.empty();
    }

    /** Remember {@code device} as read by a read that started at {@code readStartedAt}, unless revoked since. */
    void remember(Device device, Instant readStartedAt) {
        entries.compute(device.id(), (id, current) ->
                current instanceof Forgotten forgotten && !readStartedAt.isAfter(forgotten.at()) ? current
                        : new Known(device, readStartedAt));
    }

    /** The device was just marked seen at {@code when}: keep the remembered copy in step, not its age. */
    void seen(DeviceId id, Instant when) {
        entries.computeIfPresent(id, (key, current) ->
                current instanceof Known known ? new Known(known.device().seenAt(when), known.at()) : current);
    }

    /** The device's tokens were revoked: stop trusting what this node remembers of it. */
    @Override
    public void forget(DeviceId id) {
        entries.put(id, new Forgotten(clock.now()));
    }
}
