package io.convro.adapter.persistence.prekeys;

import io.convro.domain.prekey.Ed25519PublicKey;
import io.convro.domain.prekey.IdentityKey;

/**
 * An {@code identity_keys} row.
 * Public only because JDBI binds and maps it reflectively; not an API of the adapter.
 */
public record IdentityKeyRow(byte[] publicKey, String fingerprint) {
    IdentityKey toDomain() {
        return new IdentityKey(Ed25519PublicKey.of(publicKey), fingerprint);
    }
}
