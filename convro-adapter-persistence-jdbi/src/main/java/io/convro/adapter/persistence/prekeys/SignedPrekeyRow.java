package io.convro.adapter.persistence.prekeys;

import io.convro.domain.prekey.Ed25519Signature;
import io.convro.domain.prekey.KeyId;
import io.convro.domain.prekey.SignedPrekey;
import io.convro.domain.prekey.X25519PublicKey;

/**
 * A {@code signed_prekeys} row.
 * Public only because JDBI binds and maps it reflectively; not an API of the adapter.
 */
public record SignedPrekeyRow(String keyId, byte[] publicKey, byte[] signature) {
    SignedPrekey toDomain() {
        return new SignedPrekey(KeyId.parse(keyId), X25519PublicKey.of(publicKey), Ed25519Signature.of(signature));
    }
}
