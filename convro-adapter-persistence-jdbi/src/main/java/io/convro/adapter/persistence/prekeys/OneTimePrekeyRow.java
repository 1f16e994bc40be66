package io.convro.adapter.persistence.prekeys;

import io.convro.domain.prekey.KeyId;
import io.convro.domain.prekey.OneTimePrekey;
import io.convro.domain.prekey.X25519PublicKey;

/** A {@code one_time_prekeys} row; {@code id} orders hand-out (oldest first). */
record OneTimePrekeyRow(long id, String keyId, byte[] publicKey) {
    OneTimePrekey toDomain() {
        return new OneTimePrekey(KeyId.parse(keyId), X25519PublicKey.of(publicKey));
    }
}
