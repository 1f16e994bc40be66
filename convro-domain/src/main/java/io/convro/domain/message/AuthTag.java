package io.convro.domain.message;

import io.convro.domain.Base64s;
import io.convro.domain.ByteValue;
import io.convro.domain.DomainException;
import io.convro.domain.ErrorCode;

/** The AEAD authentication tag of a message: exactly 16 bytes. */
public final class AuthTag extends ByteValue {
    public static final int LENGTH = 16;

    private AuthTag(byte[] bytes) {
        super(checked(bytes));
    }

    /** Parse standard base64 or base64url. */
    public static AuthTag parseBase64(String text) {
        return new AuthTag(Base64s.decodeLenient(text, ErrorCode.INVALID_AUTH_TAG, "authTag"));
    }

    public static AuthTag of(byte[] bytes) {
        return new AuthTag(bytes);
    }

    private static byte[] checked(byte[] bytes) {
        if (bytes == null || bytes.length != LENGTH) {
            throw new DomainException(ErrorCode.INVALID_AUTH_TAG, "authTag must be exactly 16 bytes", "authTag");
        }
        return bytes;
    }
}
