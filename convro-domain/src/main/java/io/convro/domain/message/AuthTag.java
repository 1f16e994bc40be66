package io.convro.domain.message;

import io.convro.domain.Base64s;
import io.convro.domain.DomainException;
import io.convro.domain.ErrorCode;
import java.util.Arrays;

/** The AEAD authentication tag of a message: exactly 16 bytes. */
public final class AuthTag {
    public static final int LENGTH = 16;
    private final byte[] bytes;

    private AuthTag(byte[] bytes) {
        if (bytes == null || bytes.length != LENGTH) {
            throw new DomainException(ErrorCode.INVALID_AUTH_TAG, "authTag must be exactly 16 bytes", "authTag");
        }
        this.bytes = bytes.clone();
    }

    /** Parse standard base64 or base64url. */
    public static AuthTag parseBase64(String text) {
        return new AuthTag(Base64s.decodeLenient(text, ErrorCode.INVALID_AUTH_TAG, "authTag"));
    }

    public static AuthTag of(byte[] bytes) {
        return new AuthTag(bytes);
    }

    public byte[] bytes() {
        return bytes.clone();
    }

    public String base64() {
        return Base64s.encodeStandard(bytes);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof AuthTag that && Arrays.equals(bytes, that.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return "AuthTag[16 bytes]";
    }
}
