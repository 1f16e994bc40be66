package io.convro.application.auth;

import io.convro.application.devices.DeviceViews;
import io.convro.application.devices.Devices;
import io.convro.application.shared.Clock;
import io.convro.application.shared.Transactions;
import io.convro.application.users.Users;
import io.convro.domain.DomainException;
import io.convro.domain.ErrorCode;
import io.convro.domain.device.Device;
import io.convro.domain.device.DeviceId;
import io.convro.domain.device.Platform;
import io.convro.domain.user.ConvroNumber;
import io.convro.domain.user.User;
import io.convro.domain.user.Username;
import java.security.SecureRandom;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Sign-in. An unknown user and a wrong password are indistinguishable: same code, and an unknown user
 * still pays one password verification.
 */
public final class LogInService implements LogInUseCase {
    private final Users users;
    private final Devices devices;
    private final DeviceViews deviceViews;
    private final PasswordHasher hasher;
    private final TokenIssuer issuer;
    private final Transactions transactions;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public LogInService(Users users, Devices devices, DeviceViews deviceViews, PasswordHasher hasher, TokenIssuer issuer,
                        Transactions transactions, Clock clock) {
        this.users = users;
        this.devices = devices;
        this.deviceViews = deviceViews;
        this.hasher = hasher;
        this.issuer = issuer;
        this.transactions = transactions;
        this.clock = clock;
    }

    @Override
    public AuthSession logIn(LogInCommand command) {
        Optional<User> found = findUser(command);
        if (found.isEmpty()) {
            hasher.verifyDummy(command.password());
            throw invalidCredentials();
        }
        User user = found.get();
        if (!hasher.verify(command.password(), user.passwordHash())) {
            throw invalidCredentials();
        }
        return transactions.inTransaction(() -> {
            Device device = signInDevice(user, command);
            TokenIssuer.Pair pair = issuer.issue(user, device);
            return new AuthSession(user.id(), user.convroNumber(), user.username(), user.fullName(), device.id(),
                    device.platform(), pair.access(), pair.refresh());
        });
    }

    private Optional<User> findUser(LogInCommand command) {
        if (!isBlank(command.convroNumber())) {
            Optional<ConvroNumber> number = parsed(() -> ConvroNumber.parse(command.convroNumber().trim()));
            return number.isEmpty() ? Optional.empty() : users.findByConvroNumber(number.get());
        }
        if (!isBlank(command.username())) {
            Optional<Username> username = parsed(() -> Username.parse(command.username().trim()));
            return username.isEmpty() ? Optional.empty() : users.findByUsername(username.get());
        }
        throw new DomainException(ErrorCode.MISSING_LOGIN_IDENTIFIER, "give convroNumber or username");
    }

    /** A malformed identifier names nobody; only the parse is caught, never a failure of the store. */
    private static <T> Optional<T> parsed(Supplier<T> parse) {
        try {
            return Optional.of(parse.get());
        } catch (DomainException malformed) {
            return Optional.empty();
        }
    }

    /** The device rules of login: reuse (and re-activate) the user's own, refuse another's, create a new one. */
    private Device signInDevice(User user, LogInCommand command) {
        DeviceId deviceId = command.deviceId() != null ? command.deviceId() : DeviceId.random(random);
        Optional<Device> existing = devices.findById(deviceId);
        if (existing.isEmpty()) {
            deviceViews.checkRoomForAnother(user.id(), null);
            Platform platform = command.platform() == null ? Platform.UNKNOWN : command.platform();
            Device created = Device.register(deviceId, user.id(), platform, command.label(), clock.now());
            devices.insert(created);
            return created;
        }
        Device device = existing.get();
        if (!device.belongsTo(user.id())) {
            throw new DomainException(ErrorCode.DEVICE_OWNED_BY_OTHER_USER, "that device belongs to another account", "deviceId");
        }
        if (!device.active()) {
            deviceViews.checkRoomForAnother(user.id(), null);
            device = device.reactivated();
        }
        Device updated = device.withDetails(
                command.platform() != null ? command.platform() : device.platform(),
                command.label() != null ? command.label() : device.label());
        devices.update(updated);
        return updated;
    }

    private static boolean isBlank(String text) {
        return text == null || text.isBlank();
    }

    private static DomainException invalidCredentials() {
        return new DomainException(ErrorCode.INVALID_CREDENTIALS, "wrong login or password");
    }
}
