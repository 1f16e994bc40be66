package io.convro.application.prekeys;

import io.convro.application.realtime.RealtimeEvent;
import io.convro.application.realtime.RealtimePublisher;
import io.convro.application.shared.Clock;
import io.convro.application.shared.Transactions;
import io.convro.application.shared.UsageLimits;
import io.convro.application.users.Users;
import io.convro.domain.DomainException;
import io.convro.domain.ErrorCode;
import io.convro.domain.device.DeviceId;
import io.convro.domain.prekey.IdentityKey;
import io.convro.domain.prekey.OneTimePrekey;
import io.convro.domain.prekey.PrekeyLimits;
import io.convro.domain.prekey.SignedPrekey;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Hands out a bundle of every device a message to that person must reach (§9), each consuming one one-time prekey
 * atomically, all in one transaction; each device that runs low hears {@code prekeys:low} after the commit. For the
 * budgets it counts as one bundle fetch per device, checked before the transaction.
 */
public final class FetchPrekeyBundlesService implements FetchPrekeyBundlesUseCase {
    private final Users users;
    private final DevicesWithPrekeys devicesWithPrekeys;
    private final Prekeys prekeys;
    private final RealtimePublisher realtime;
    private final Transactions transactions;
    private final Clock clock;
    private final UsageLimits limits;

    public FetchPrekeyBundlesService(Users users, DevicesWithPrekeys devicesWithPrekeys, Prekeys prekeys,
                                     RealtimePublisher realtime, Transactions transactions, Clock clock, UsageLimits limits) {
        this.users = users;
        this.devicesWithPrekeys = devicesWithPrekeys;
        this.prekeys = prekeys;
        this.realtime = realtime;
        this.transactions = transactions;
        this.clock = clock;
        this.limits = limits;
    }

    private record Fetched(PrekeyBundle bundle, int remaining) {
    }

    @Override
    public List<PrekeyBundle> fetchAll(FetchPrekeyBundlesQuery query) {
        List<DeviceId> targets = new ArrayList<>(devicesWithPrekeys.of(query.userId()));
        targets.remove(query.caller().deviceId());
        for (DeviceId target : targets) {
            limits.checkBundleFetch(query.caller().userId(), target);
        }
        List<Fetched> fetched = transactions.inTransaction(() -> {
            users.findById(query.userId())
                    .orElseThrow(() -> new DomainException(ErrorCode.USER_NOT_FOUND, "no such user", "user_id"));
            List<Fetched> bundles = new ArrayList<>();
            for (DeviceId target : targets) {
                // a device that lost its keys since the look-up above is left out, not an error
                Optional<IdentityKey> identity = prekeys.findIdentity(target);
                Optional<SignedPrekey> signed = prekeys.findSignedPrekey(target);
                if (identity.isEmpty() || signed.isEmpty()) {
                    continue;
                }
                OneTimePrekey oneTime = prekeys.consumeOne(target, clock.now()).orElse(null);
                int remaining = oneTime == null ? 0 : prekeys.countAvailable(target);
                bundles.add(new Fetched(new PrekeyBundle(target, identity.get(), signed.get(), oneTime), remaining));
            }
            return bundles;
        });
        for (Fetched one : fetched) {
            if (one.remaining() < PrekeyLimits.LOW_WATERMARK) {
                realtime.publish(one.bundle().responderDeviceId(), new RealtimeEvent.PrekeysLow(one.remaining()));
            }
        }
        return fetched.stream().map(Fetched::bundle).toList();
    }
}
