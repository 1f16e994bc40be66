package io.convro.application.devices;

import io.convro.application.shared.Clock;
import io.convro.application.shared.Transactions;
import io.convro.domain.DomainException;
import io.convro.domain.ErrorCode;
import io.convro.domain.device.Device;
import io.convro.domain.device.Platform;
import java.util.Optional;

/** Adds a device id to the caller's account, or updates one of the caller's devices. */
public final class RegisterDeviceService implements RegisterDeviceUseCase {
    private final Devices devices;
    private final DeviceViews views;
    private final Transactions transactions;
    private final Clock clock;

    public RegisterDeviceService(Devices devices, DeviceViews views, Transactions transactions, Clock clock) {
        this.devices = devices;
        this.views = views;
        this.transactions = transactions;
        this.clock = clock;
    }

    @Override
    public RegisteredDevice registerDevice(RegisterDeviceCommand command) {
        return transactions.inTransaction(() -> {
            Optional<Device> existing = devices.findById(command.deviceId());
            if (existing.isPresent()) {
                Device device = existing.get();
                if (!device.belongsTo(command.caller().userId())) {
                    throw new DomainException(ErrorCode.DEVICE_ID_TAKEN, "that deviceId is taken", "deviceId");
                }
                Device updated = device.withDetails(
                        command.platform() != null ? command.platform() : device.platform(),
                        command.label() != null ? command.label() : device.label());
                devices.update(updated);
                return new RegisteredDevice(views.of(updated, command.caller().deviceId()), false);
            }
            views.checkRoomForAnother(command.caller().userId(), command.caller().deviceId());
            Device created = Device.register(command.deviceId(), command.caller().userId(),
                    command.platform() != null ? command.platform() : Platform.UNKNOWN, command.label(), clock.now());
            devices.insert(created);
            return new RegisteredDevice(views.of(created, command.caller().deviceId()), true);
        });
    }
}
