package io.convro.application.prekeys;

import io.convro.application.devices.Devices;
import io.convro.application.realtime.RealtimeEvent;
import io.convro.application.realtime.RealtimePublisher;
import io.convro.application.shared.Clock;
import io.convro.application.shared.Transactions;
import io.convro.application.shared.UsageLimits;
import io.convro.application.users.Users;
import io.convro.domain.DomainException;
import io.convro.domain.ErrorCode;
import io.convro.domain.device.Device;
import io.convro.domain.device.DeviceId;
import io.convro.domain.prekey.IdentityKey;
import io.convro.domain.prekey.OneTimePrekey;
import io.convro.domain.prekey.PrekeyLimits;
import io.convro.domain.prekey.SignedPrekey;
import java.util.Optional;

/**
 * Hands out a prekey bundle, consuming one one-time prekey; tells the device when its stock runs low. Each bundle
 * counts against the requesting user's budget for that target device, checked before the transaction (the limiter
 * may be remote), so one requester cannot drain a target's one-time prekeys.
 */
public final class FetchPrekeyBundleService implements FetchPrekeyBundleUseCase {
    private final Users users;
    private final Devices devices;
    private final Prekeys prekeys;
    private final RealtimePublisher realtime;
    private final Transactions transactions;
    private final Clock clock;
    private final UsageLimits limits;

    public FetchPrekeyBundleService(Users users, Devices devices, Prekeys prekeys, RealtimePublisher realtime,
                                    Transactions transactions, Clock clock, UsageLimits limits) {
        this.users = users;
        this.devices = devices;
        this.prekeys = prekeys;
        this.realtime = realtime;
        this.transactions = transactions;
        this.clock = clock;
        this.limits = limits;
    }

    private record Fetched(PrekeyBundle bundle, int remaining) {
    }

    @Override
    public PrekeyBundle fetch(FetchPrekeyBundleQuery query) {
        // without a device_id the target is the user's first device with prekeys: the one this fetch would drain
        Optional<DeviceId> drained = query.deviceId() != null ? Optional.of(query.deviceId())
                : prekeys.firstActiveDeviceWithPrekeys(query.userId());
        drained.ifPresent(device -> limits.checkBundleFetch(query.caller().userId(), device));
        Fetched fetched = transactions.inTransaction(() -> {
            users.findById(query.userId())
                    .orElseThrow(() -> new DomainException(ErrorCode.USER_NOT_FOUND, "no such user", "user_id"));
            DeviceId target = query.deviceId() != null ? requireActiveDevice(query) : prekeys.firstActiveDeviceWithPrekeys(query.userId())
                    .orElseThrow(FetchPrekeyBundleService::noPrekeys);
            IdentityKey identity = prekeys.findIdentity(target).orElseThrow(FetchPrekeyBundleService::noPrekeys);
            SignedPrekey signed = prekeys.findSignedPrekey(target).orElseThrow(FetchPrekeyBundleService::noPrekeys);
            OneTimePrekey oneTime = prekeys.consumeOne(target, clock.now()).orElse(null);
            int remaining = oneTime == null ? 0 : prekeys.countAvailable(target);
            return new Fetched(new PrekeyBundle(target, identity, signed, oneTime), remaining);
        });
        if (fetched.remaining() < PrekeyLimits.LOW_WATERMARK) {
            realtime.publish(fetched.bundle().responderDeviceId(), new RealtimeEvent.PrekeysLow(fetched.remaining()));
        }
        return fetched.bundle();
    }

    private DeviceId requireActiveDevice(FetchPrekeyBundleQuery query) {
        return devices.findById(query.deviceId())
                .filter(Device::active)
                .filter(device -> device.belongsTo(query.userId()))
                .map(Device::id)
                .orElseThrow(() -> new DomainException(ErrorCode.DEVICE_NOT_FOUND, "no such device of that user", "device_id"));
    }

    private static DomainException noPrekeys() {
        return new DomainException(ErrorCode.PREKEYS_NOT_FOUND, "that device has not uploaded prekeys");
    }
}
