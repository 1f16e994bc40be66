package io.convro.application.prekeys;

import io.convro.domain.device.DeviceId;
import io.convro.domain.prekey.IdentityKey;
import io.convro.domain.prekey.KeyId;
import io.convro.domain.prekey.OneTimePrekey;
import io.convro.domain.prekey.SignedPrekey;
import io.convro.domain.user.UserId;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Out-port: the public prekeys of devices. */
public interface Prekeys {
    /** Store or replace the device's identity key. */
    void saveIdentity(DeviceId device, IdentityKey identity, Instant now);

    /** Store or replace the device's signed prekey. */
    void saveSignedPrekey(DeviceId device, SignedPrekey prekey, Instant now);

    /**
     * Store the one-time prekeys whose keyId the device never had (consumed ones included); returns how
     * many were newly stored.
     */
    int addOneTimePrekeys(DeviceId device, List<OneTimePrekey> prekeys, Instant now);

    /** The keyIds among {@code keyIds} that the device already has (consumed or not). */
    Set<KeyId> knownKeyIds(DeviceId device, Collection<KeyId> keyIds);

    /** One-time prekeys stored and not yet handed out. */
    int countAvailable(DeviceId device);

    Optional<IdentityKey> findIdentity(DeviceId device);

    Optional<SignedPrekey> findSignedPrekey(DeviceId device);

    /**
     * Hand out one unconsumed one-time prekey of the device and mark it consumed, atomically: under any
     * concurrency no key is handed out twice. Empty when none is left.
     */
    Optional<OneTimePrekey> consumeOne(DeviceId device, Instant now);

    /** The user's oldest active device that has an identity key and a signed prekey. */
    Optional<DeviceId> firstActiveDeviceWithPrekeys(UserId user);

    /** Delete every prekey of the device (identity, signed, one-time). */
    void deleteAll(DeviceId device);
}
