package io.convro.domain.prekey;

import io.convro.domain.Base64s;
import io.convro.domain.ErrorCode;

/** A device's identity key: a 32-byte Ed25519 public key, standard base64 on the wire. */
public final class Ed25519PublicKey extends PublicKey32 {
    private Ed25519PublicKey(byte[] bytes) {
        super(bytes, ErrorCode.INVALID_IDENTITY_KEY, "identity.publicKeyEd25519");
    }

    /** Parse standard base64 with padding; anything else is {@code INVALID_IDENTITY_KEY}. */
    public static Ed25519PublicKey parseBase64(String text) {
        return new Ed25519PublicKey(Base64s.decodeStandard(text, ErrorCode.INVALID_IDENTITY_KEY, "identity.publicKeyEd25519"));
    }

    public static Ed25519PublicKey of(byte[] bytes) {
        return new Ed25519PublicKey(bytes);
    }
}
