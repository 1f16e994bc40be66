package io.convro.domain.prekey;

import io.convro.domain.Base64s;
import io.convro.domain.ByteValue;
import io.convro.domain.DomainException;
import io.convro.domain.ErrorCode;

/** A 64-byte Ed25519 signature, standard base64 on the wire. */
public final class Ed25519Signature extends ByteValue {
    public static final int LENGTH = 64;

    private Ed25519Signature(byte[] bytes) {
        super(checked(bytes));
    }

    public static Ed25519Signature parseBase64(String text) {
        return new Ed25519Signature(Base64s.decodeStandard(text, ErrorCode.INVALID_SIGNED_PREKEY_SIGNATURE, "signedPrekey.signatureEd25519"));
    }

    public static Ed25519Signature of(byte[] bytes) {
        return new Ed25519Signature(bytes);
    }

    private static byte[] checked(byte[] bytes) {
        if (bytes == null || bytes.length != LENGTH) {
            throw new DomainException(ErrorCode.INVALID_SIGNED_PREKEY_SIGNATURE, "signatureEd25519 must be exactly 64 bytes", "signedPrekey.signatureEd25519");
        }
        return bytes;
    }
}
