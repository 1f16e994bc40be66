package io.convro.domain.prekey;

import io.convro.domain.Base64s;
import io.convro.domain.ErrorCode;

/**
 * A 32-byte X25519 public key (signed prekey, one-time prekey, handshake ephemeral key). The code
 * of a rejection depends on where the key appears, so the parser takes it.
 */
public final class X25519PublicKey extends PublicKey32 {
    private X25519PublicKey(byte[] bytes, ErrorCode code) {
        super(bytes, code, "publicKeyX25519");
    }

    /** Parse strict standard base64 (prekey uploads); a bad key is rejected with {@code code}. */
    public static X25519PublicKey parseBase64(String text, ErrorCode code) {
        return new X25519PublicKey(Base64s.decodeStandard(text, code, "publicKeyX25519"), code);
    }

    /** Parse standard base64 or base64url without padding (handshake offers). */
    public static X25519PublicKey parseLenient(String text, ErrorCode code) {
        return new X25519PublicKey(Base64s.decodeLenient(text, code, "publicKeyX25519"), code);
    }

    public static X25519PublicKey of(byte[] bytes) {
        return new X25519PublicKey(bytes, ErrorCode.INVALID_ONE_TIME_PREKEY);
    }
}
