package io.convro.adapter.persistence.prekeys;

import io.convro.domain.prekey.KeyId;
import io.convro.domain.prekey.OneTimePrekey;
import io.convro.domain.prekey.X25519PublicKey;

/**
 * A {@code one_time_prekeys} row; {@code id} orders hand-out (oldest first).
 * Public only because JDBI binds and maps it reflectively; not an API of the adapter.
 */
public record OneTimePrekeyRow(long id, String keyId, byte[] publicKey) {
    OneTimePrekey toDomain() {
        return new OneTimePrekey(KeyId.parse(keyId), X25519PublicKey.of(publicKey));
    }
}
