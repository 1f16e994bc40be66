package io.convro.domain.prekey;

/** A device's long-term identity: its Ed25519 public key and an optional fingerprint (≤ 128 chars). */
public record IdentityKey(Ed25519PublicKey publicKey, String fingerprint) {
    public static final int MAX_FINGERPRINT_LENGTH = 128;
}
