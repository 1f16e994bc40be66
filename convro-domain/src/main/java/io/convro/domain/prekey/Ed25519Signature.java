package io.convro.domain.prekey;

import io.convro.domain.Base64s;
import io.convro.domain.DomainException;
import io.convro.domain.ErrorCode;
import java.util.Arrays;

/** A 64-byte Ed25519 signature, standard base64 on the wire. */
public final class Ed25519Signature {
    public static final int LENGTH = 64;
    private final byte[] bytes;

    private Ed25519Signature(byte[] bytes) {
        if (bytes == null || bytes.length != LENGTH) {
            throw new DomainException(ErrorCode.INVALID_SIGNED_PREKEY_SIGNATURE, "signatureEd25519 must be exactly 64 bytes", "signedPrekey.signatureEd25519");
        }
        this.bytes = bytes.clone();
    }

    public static Ed25519Signature parseBase64(String text) {
        return new Ed25519Signature(Base64s.decodeStandard(text, ErrorCode.INVALID_SIGNED_PREKEY_SIGNATURE, "signedPrekey.signatureEd25519"));
    }

    public static Ed25519Signature of(byte[] bytes) {
        return new Ed25519Signature(bytes);
    }

    public byte[] bytes() {
        return bytes.clone();
    }

    public String base64() {
        return Base64s.encodeStandard(bytes);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Ed25519Signature that && Arrays.equals(bytes, that.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }
}
