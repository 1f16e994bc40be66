package io.convro.application.auth;

import io.convro.application.shared.Clock;
import io.convro.domain.device.Device;
import io.convro.domain.device.DeviceId;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

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
    /** Beyond this many remembered devices, old entries are swept (and, if still too many, all are dropped). */
    static final int CAPACITY = 100_000;

    private sealed interface Entry permits Known, Forgotten {
        Instant at();
    }

    /** A device row as read at {@code at}. */
    private record Known(Device device, Instant at) implements Entry {
    }

    /** The device was revoked at {@code at}: reads started before then are stale. */
    private record Forgotten(Instant at) implements Entry {
    }

    private final ConcurrentHashMap<DeviceId, Entry> entries = new ConcurrentHashMap<>();
    private final Clock clock;

    public DeviceStandings(Clock clock) {
        this.clock = clock;
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
        if (entries.size() > CAPACITY) {
            sweep();
        }
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

    private void sweep() {
        Instant stale = clock.now().minus(MAX_AGE);
        entries.values().removeIf(entry -> entry.at().isBefore(stale));
        if (entries.size() > CAPACITY) {
            entries.clear();
        }
    }
}
