package io.convro.domain.prekey;

/** The medium-term X25519 prekey, signed by the identity key over its 32 raw bytes. */
public record SignedPrekey(KeyId keyId, X25519PublicKey publicKey, Ed25519Signature signature) {
}
