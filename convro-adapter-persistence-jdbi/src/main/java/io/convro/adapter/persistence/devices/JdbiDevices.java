package io.convro.adapter.persistence.devices;

import io.convro.adapter.persistence.Conflicts;
import io.convro.adapter.persistence.Handles;
import io.convro.application.devices.Devices;
import io.convro.domain.DomainException;
import io.convro.domain.ErrorCode;
import io.convro.domain.device.Device;
import io.convro.domain.device.DeviceId;
import io.convro.domain.user.UserId;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@link Devices} on the {@code devices} table; device ids are unique server-wide by a DB UNIQUE. */
public final class JdbiDevices implements Devices {
    private final Handles handles;

    public JdbiDevices(Handles handles) {
        this.handles = handles;
    }

    @Override
    public void insert(Device device) {
        DeviceRow row = DeviceRow.of(device);
        Conflicts.translate(() -> handles.withDao(DeviceDao.class, dao -> {
            dao.insert(row);
            return null;
        }), Map.of("uq_devices_device_id", () -> new DomainException(ErrorCode.DEVICE_ID_TAKEN,
                "deviceId is already registered", "deviceId")));
    }

    @Override
    public Optional<Device> findById(DeviceId id) {
        return handles.withDao(DeviceDao.class, dao -> dao.findById(id.value())).map(DeviceRow::toDomain);
    }

    @Override
    public List<Device> listByUser(UserId user) {
        return handles.withDao(DeviceDao.class, dao -> dao.listByUser(user.value())).stream()
                .map(DeviceRow::toDomain).toList();
    }

    @Override
    public int countActive(UserId user) {
        return handles.withDao(DeviceDao.class, dao -> dao.countActive(user.value()));
    }

    @Override
    public void update(Device device) {
        DeviceRow row = DeviceRow.of(device);
        handles.withDao(DeviceDao.class, dao -> dao.update(row));
    }

    @Override
    public void touch(DeviceId id, Instant seenAt) {
        handles.withDao(DeviceDao.class, dao -> dao.touch(id.value(), seenAt.toEpochMilli()));
    }
}
