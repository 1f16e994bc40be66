package io.convro.application.auth;

import io.convro.application.devices.Devices;
import io.convro.application.shared.Clock;
import io.convro.application.shared.Transactions;
import io.convro.application.users.NumberAllocator;
import io.convro.application.users.Users;
import io.convro.domain.DomainException;
import io.convro.domain.ErrorCode;
import io.convro.domain.device.Device;
import io.convro.domain.device.DeviceId;
import io.convro.domain.device.Platform;
import io.convro.domain.user.User;
import java.security.SecureRandom;
import java.time.Instant;

/** Registration: hash first (slow, outside the transaction), then number, user, device and tokens at once. */
public final class RegisterUserService implements RegisterUserUseCase {
    private final Users users;
    private final Devices devices;
    private final NumberAllocator numbers;
    private final PasswordHasher hasher;
    private final TokenIssuer issuer;
    private final Transactions transactions;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public RegisterUserService(Users users, Devices devices, NumberAllocator numbers, PasswordHasher hasher,
                               TokenIssuer issuer, Transactions transactions, Clock clock) {
        this.users = users;
        this.devices = devices;
        this.numbers = numbers;
        this.hasher = hasher;
        this.issuer = issuer;
        this.transactions = transactions;
        this.clock = clock;
    }

    @Override
    public AuthSession register(RegisterCommand command) {
        String passwordHash = hasher.hash(command.password());
        Platform platform = command.platform() == null ? Platform.UNKNOWN : command.platform();
        DeviceId deviceId = command.deviceId() != null ? command.deviceId() : DeviceId.random(random);
        return transactions.inTransaction(() -> {
            if (command.username() != null && users.findByUsername(command.username()).isPresent()) {
                throw new DomainException(ErrorCode.USERNAME_TAKEN, "that username is taken", "username");
            }
            if (devices.findById(deviceId).isPresent()) {
                throw new DomainException(ErrorCode.DEVICE_ID_TAKEN, "that deviceId is taken", "deviceId");
            }
            Instant now = clock.now();
            User user = users.insert(new User(null, numbers.allocate(), command.username(), command.fullName(),
                    passwordHash, now));
            Device device = Device.register(deviceId, user.id(), platform, command.label(), now);
            devices.insert(device);
            TokenIssuer.Pair pair = issuer.issue(user, device);
            return new AuthSession(user.id(), user.convroNumber(), user.username(), user.fullName(), device.id(),
                    device.platform(), pair.access(), pair.refresh());
        });
    }
}
