package io.convro.adapter.persistence.prekeys;

import io.convro.adapter.persistence.Handles;
import io.convro.application.prekeys.Prekeys;
import io.convro.domain.device.DeviceId;
import io.convro.domain.prekey.IdentityKey;
import io.convro.domain.prekey.KeyId;
import io.convro.domain.prekey.OneTimePrekey;
import io.convro.domain.prekey.SignedPrekey;
import io.convro.domain.user.UserId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@link Prekeys} on {@code identity_keys}, {@code signed_prekeys} and {@code one_time_prekeys}. A one-time
 * prekey is handed out by row locks ({@code FOR UPDATE SKIP LOCKED}) plus a compare-and-set on
 * {@code consumed_at}: never twice, and without table locks on MySQL, MariaDB or H2.
 */
public final class JdbiPrekeys implements Prekeys {
    /** Claims lost to a concurrent fetch before giving up; each loss means another caller made progress. */
    private static final int MAX_CLAIM_ATTEMPTS = 1000;

    private final Handles handles;

    public JdbiPrekeys(Handles handles) {
        this.handles = handles;
    }

    @Override
    public void saveIdentity(DeviceId device, IdentityKey identity, Instant now) {
        handles.withDao(PrekeyDao.class, dao -> {
            dao.saveIdentity(device.value(), identity.publicKey().bytes(), identity.fingerprint(), now.toEpochMilli());
            return null;
        });
    }

    @Override
    public void saveSignedPrekey(DeviceId device, SignedPrekey prekey, Instant now) {
        handles.withDao(PrekeyDao.class, dao -> {
            dao.saveSignedPrekey(device.value(), prekey.keyId().value(), prekey.publicKey().bytes(),
                    prekey.signature().bytes(), now.toEpochMilli());
            return null;
        });
    }

    @Override
    public int addOneTimePrekeys(DeviceId device, List<OneTimePrekey> prekeys, Instant now) {
        if (prekeys.isEmpty()) {
            return 0;
        }
        return handles.inTransaction(() -> handles.withDao(PrekeyDao.class, dao -> {
            Map<String, OneTimePrekey> fresh = new LinkedHashMap<>();
            prekeys.forEach(prekey -> fresh.putIfAbsent(prekey.keyId().value(), prekey));
            dao.knownKeyIds(device.value(), fresh.keySet()).forEach(fresh::remove);
            if (fresh.isEmpty()) {
                return 0;
            }
            List<byte[]> publicKeys = new ArrayList<>();
            fresh.values().forEach(prekey -> publicKeys.add(prekey.publicKey().bytes()));
            dao.addOneTimePrekeys(device.value(), new ArrayList<>(fresh.keySet()), publicKeys, now.toEpochMilli());
            return fresh.size();
        }));
    }

    @Override
    public Set<KeyId> knownKeyIds(DeviceId device, Collection<KeyId> keyIds) {
        if (keyIds.isEmpty()) {
            return Set.of();
        }
        Set<String> values = keyIds.stream().map(KeyId::value).collect(Collectors.toCollection(HashSet::new));
        return handles.withDao(PrekeyDao.class, dao -> dao.knownKeyIds(device.value(), values)).stream()
                .map(KeyId::parse).collect(Collectors.toSet());
    }

    @Override
    public int countAvailable(DeviceId device) {
        return handles.withDao(PrekeyDao.class, dao -> dao.countAvailable(device.value()));
    }

    @Override
    public Optional<IdentityKey> findIdentity(DeviceId device) {
        return handles.withDao(PrekeyDao.class, dao -> dao.findIdentity(device.value())).map(IdentityKeyRow::toDomain);
    }

    @Override
    public Optional<SignedPrekey> findSignedPrekey(DeviceId device) {
        return handles.withDao(PrekeyDao.class, dao -> dao.findSignedPrekey(device.value())).map(SignedPrekeyRow::toDomain);
    }

    @Override
    public Optional<OneTimePrekey> consumeOne(DeviceId device, Instant now) {
        return handles.inTransaction(() -> handles.withDao(PrekeyDao.class, dao -> {
            for (int attempt = 0; attempt < MAX_CLAIM_ATTEMPTS; attempt++) {
                Optional<OneTimePrekeyRow> candidate = dao.lockOldestUnheld(device.value());
                if (candidate.isEmpty()) {
                    // every available row may be held by a concurrent fetch that could still roll back: wait for one
                    candidate = dao.lockOldest(device.value());
                }
                if (candidate.isEmpty()) {
                    return Optional.<OneTimePrekey>empty();
                }
                if (dao.claim(candidate.get().id(), now.toEpochMilli()) == 1) {
                    return Optional.of(candidate.get().toDomain());
                }
            }
            throw new IllegalStateException("could not claim a one-time prekey after " + MAX_CLAIM_ATTEMPTS + " attempts");
        }));
    }

    @Override
    public Optional<DeviceId> firstActiveDeviceWithPrekeys(UserId user) {
        return handles.withDao(PrekeyDao.class, dao -> dao.firstActiveDeviceWithPrekeys(user.value())).map(DeviceId::parse);
    }

    @Override
    public void deleteAll(DeviceId device) {
        handles.inTransaction(() -> handles.withDao(PrekeyDao.class, dao -> {
            dao.deleteOneTimePrekeys(device.value());
            dao.deleteSignedPrekey(device.value());
            return dao.deleteIdentity(device.value());
        }));
    }
}
