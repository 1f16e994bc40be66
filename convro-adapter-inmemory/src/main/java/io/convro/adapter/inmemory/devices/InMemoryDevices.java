package io.convro.adapter.inmemory.devices;

import io.convro.adapter.inmemory.InMemoryDatabase;
import io.convro.adapter.inmemory.Table;
import io.convro.adapter.inmemory.users.InMemoryUsers;
import io.convro.application.devices.Devices;
import io.convro.domain.DomainException;
import io.convro.domain.ErrorCode;
import io.convro.domain.device.Device;
import io.convro.domain.device.DeviceId;
import io.convro.domain.user.UserId;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code devices} table: device ids unique across the server (devices are never deleted, only made
 * inactive), each belonging to a stored user (a foreign key: a device of an unknown user is a bug and
 * fails with {@link IllegalStateException}).
 */
public final class InMemoryDevices implements Devices {
    private final InMemoryDatabase database;
    private final InMemoryUsers users;
    private final Table<DeviceId, Device> devices;

    public InMemoryDevices(InMemoryDatabase database, InMemoryUsers users) {
        this.database = Objects.requireNonNull(database);
        this.users = Objects.requireNonNull(users);
        this.devices = database.newTable("devices");
    }

    @Override
    public void insert(Device device) {
        database.execute(() -> {
            if (devices.contains(device.id())) {
                throw new DomainException(ErrorCode.DEVICE_ID_TAKEN, "that deviceId is already taken", "deviceId");
            }
            if (users.findById(device.userId()).isEmpty()) {
                throw new IllegalStateException("foreign key: no user " + device.userId() + " for device " + device.id());
            }
            devices.insert(device.id(), device);
        });
    }

    @Override
    public Optional<Device> findById(DeviceId id) {
        return database.statement(() -> devices.find(id));
    }

    /** {@inheritDoc} Oldest by {@code createdAt}; devices created in the same millisecond in insertion order. */
    @Override
    public List<Device> listByUser(UserId user) {
        return database.statement(() -> {
            // select() gives insertion order and the sort is stable, so ties keep it
            List<Device> owned = devices.select(device -> device.userId().equals(user));
            owned.sort(Comparator.comparing(Device::createdAt));
            return List.copyOf(owned);
        });
    }

    @Override
    public int countActive(UserId user) {
        return database.statement(() -> devices.count(device -> device.userId().equals(user) && device.active()));
    }

    /**
     * {@inheritDoc} Owner and creation time are kept as stored. Updating a device that was never stored
     * is a bug: {@link IllegalStateException}.
     */
    @Override
    public void update(Device device) {
        database.execute(() -> {
            Device stored = devices.find(device.id())
                    .orElseThrow(() -> new IllegalStateException("update of unknown device " + device.id()));
            devices.update(device.id(), new Device(stored.id(), stored.userId(), device.platform(), device.label(),
                    stored.createdAt(), device.lastSeenAt(), device.active(), device.tokenGeneration()));
        });
    }

    /** {@inheritDoc} An unknown device is ignored, as an UPDATE that matches no row. */
    @Override
    public void touch(DeviceId id, Instant seenAt) {
        Objects.requireNonNull(seenAt);
        database.execute(() -> devices.find(id).ifPresent(device -> devices.update(id, device.seenAt(seenAt))));
    }
}
