package io.convro.adapter.inmemory.prekeys;

import io.convro.adapter.inmemory.InMemoryDatabase;
import io.convro.adapter.inmemory.Table;
import io.convro.adapter.inmemory.devices.InMemoryDevices;
import io.convro.application.prekeys.Prekeys;
import io.convro.domain.device.Device;
import io.convro.domain.device.DeviceId;
import io.convro.domain.prekey.IdentityKey;
import io.convro.domain.prekey.KeyId;
import io.convro.domain.prekey.OneTimePrekey;
import io.convro.domain.prekey.SignedPrekey;
import io.convro.domain.user.UserId;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The tables {@code identity_keys}, {@code signed_prekeys} and {@code one_time_prekeys}. One-time
 * prekeys are handed out oldest first and marked consumed in the same locked step, so none is ever
 * handed out twice. Prekeys of an unknown device are a foreign-key violation, a bug:
 * {@link IllegalStateException}.
 */
public final class InMemoryPrekeys implements Prekeys {
    private final InMemoryDatabase database;
    private final InMemoryDevices devices;
    private final Table<DeviceId, IdentityKey> identities;
    private final Table<DeviceId, SignedPrekey> signedPrekeys;
    private final Table<DeviceKeyId, OneTimePrekeyRow> oneTimePrekeys;

    public InMemoryPrekeys(InMemoryDatabase database, InMemoryDevices devices) {
        this.database = Objects.requireNonNull(database);
        this.devices = Objects.requireNonNull(devices);
        this.identities = database.newTable("identity_keys");
        this.signedPrekeys = database.newTable("signed_prekeys");
        this.oneTimePrekeys = database.newTable("one_time_prekeys");
    }

    @Override
    public void saveIdentity(DeviceId device, IdentityKey identity, Instant now) {
        Objects.requireNonNull(identity);
        database.execute(() -> {
            requireDevice(device);
            identities.upsert(device, identity);
        });
    }

    @Override
    public void saveSignedPrekey(DeviceId device, SignedPrekey prekey, Instant now) {
        Objects.requireNonNull(prekey);
        database.execute(() -> {
            requireDevice(device);
            signedPrekeys.upsert(device, prekey);
        });
    }

    /** {@inheritDoc} A keyId repeated within {@code prekeys} is stored once, the first time. */
    @Override
    public int addOneTimePrekeys(DeviceId device, List<OneTimePrekey> prekeys, Instant now) {
        Objects.requireNonNull(now);
        return database.statement(() -> {
            requireDevice(device);
            int stored = 0;
            for (OneTimePrekey prekey : prekeys) {
                DeviceKeyId key = new DeviceKeyId(device, prekey.keyId());
                if (!oneTimePrekeys.contains(key)) {
                    oneTimePrekeys.insert(key, new OneTimePrekeyRow(device, prekey, now, null));
                    stored++;
                }
            }
            return stored;
        });
    }

    @Override
    public Set<KeyId> knownKeyIds(DeviceId device, Collection<KeyId> keyIds) {
        return database.statement(() -> {
            Set<KeyId> known = new HashSet<>();
            for (KeyId keyId : keyIds) {
                if (oneTimePrekeys.contains(new DeviceKeyId(device, keyId))) {
                    known.add(keyId);
                }
            }
            return Set.copyOf(known);
        });
    }

    @Override
    public int countAvailable(DeviceId device) {
        return database.statement(() -> oneTimePrekeys.count(row -> row.device().equals(device) && row.available()));
    }

    @Override
    public Optional<IdentityKey> findIdentity(DeviceId device) {
        return database.statement(() -> identities.find(device));
    }

    @Override
    public Optional<SignedPrekey> findSignedPrekey(DeviceId device) {
        return database.statement(() -> signedPrekeys.find(device));
    }

    /** {@inheritDoc} The first uploaded of the available keys goes first. */
    @Override
    public Optional<OneTimePrekey> consumeOne(DeviceId device, Instant now) {
        Objects.requireNonNull(now);
        return database.statement(() -> {
            // select() gives upload order, the AUTO_INCREMENT order the database hands them out in
            Optional<OneTimePrekeyRow> oldest = oneTimePrekeys
                    .select(row -> row.device().equals(device) && row.available()).stream().findFirst();
            oldest.ifPresent(row -> oneTimePrekeys.update(new DeviceKeyId(device, row.prekey().keyId()), row.consumed(now)));
            return oldest.map(OneTimePrekeyRow::prekey);
        });
    }

    @Override
    public Optional<DeviceId> firstActiveDeviceWithPrekeys(UserId user) {
        return database.statement(() -> devices.listByUser(user).stream()
                .filter(Device::active)
                .map(Device::id)
                .filter(id -> identities.contains(id) && signedPrekeys.contains(id))
                .findFirst());
    }

    /** {@inheritDoc} Consumed one-time prekeys go too, so their keyIds are no longer known. */
    @Override
    public void deleteAll(DeviceId device) {
        database.execute(() -> {
            identities.delete(device);
            signedPrekeys.delete(device);
            for (OneTimePrekeyRow row : oneTimePrekeys.select(row -> row.device().equals(device))) {
                oneTimePrekeys.delete(new DeviceKeyId(device, row.prekey().keyId()));
            }
        });
    }

    private void requireDevice(DeviceId device) {
        if (devices.findById(device).isEmpty()) {
            throw new IllegalStateException("foreign key: no device " + device + " for a prekey");
        }
    }

    /** Delete up to {@code batch} one-time prekeys handed out before {@code cutoff}; answers how many (retention). */
    public int deleteConsumedBefore(Instant cutoff, int batch) {
        return database.statement(() -> {
            List<OneTimePrekeyRow> consumed = oneTimePrekeys.select(row -> !row.available() && row.consumedAt().isBefore(cutoff));
            List<OneTimePrekeyRow> now = consumed.subList(0, Math.min(batch, consumed.size()));
            now.forEach(row -> oneTimePrekeys.delete(new DeviceKeyId(row.device(), row.prekey().keyId())));
            return now.size();
        });
    }
}
