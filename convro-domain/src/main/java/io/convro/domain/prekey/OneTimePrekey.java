package io.convro.domain.prekey;

/** A one-time X25519 prekey: handed out at most once, in one bundle. */
public record OneTimePrekey(KeyId keyId, X25519PublicKey publicKey) {
}
