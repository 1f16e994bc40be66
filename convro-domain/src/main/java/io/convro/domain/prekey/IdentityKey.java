package io.convro.domain.prekey;

import io.convro.domain.DomainException;
import io.convro.domain.ErrorCode;

/**
 * A device's long-term identity: its Ed25519 public key and an optional fingerprint (≤ 128 characters).
 *
 * @param fingerprint may be {@code null}
 */
public record IdentityKey(Ed25519PublicKey publicKey, String fingerprint) {
    public static final int MAX_FINGERPRINT_LENGTH = 128;

    public IdentityKey {
        if (publicKey == null) {
            throw new DomainException(ErrorCode.INVALID_IDENTITY_KEY, "identity.publicKeyEd25519 is required", "identity.publicKeyEd25519");
        }
        if (fingerprint != null && (fingerprint.length() > MAX_FINGERPRINT_LENGTH
                || fingerprint.codePoints().anyMatch(Character::isISOControl))) {
            throw new DomainException(ErrorCode.INVALID_IDENTITY_KEY, "identity.fingerprint must be at most 128 characters", "identity.fingerprint");
        }
    }
}
