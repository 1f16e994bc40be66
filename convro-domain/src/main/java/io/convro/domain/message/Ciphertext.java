package io.convro.domain.message;

import io.convro.domain.Base64s;
import io.convro.domain.ByteValue;
import io.convro.domain.DomainException;
import io.convro.domain.ErrorCode;

/** An encrypted message body: 1..65536 bytes once decoded. The server never sees the plaintext. */
public final class Ciphertext extends ByteValue {
    public static final int MAX_BYTES = 65_536;

    private Ciphertext(byte[] bytes) {
        super(checked(bytes));
    }

    /** Parse standard base64 or base64url; too long is {@code MESSAGE_TOO_LARGE}, else {@code INVALID_CIPHERTEXT}. */
    public static Ciphertext parseBase64(String text) {
        if (text != null && text.length() > (MAX_BYTES / 3 + 1) * 4 + 4) {
            throw tooLarge();
        }
        return new Ciphertext(Base64s.decodeLenient(text, ErrorCode.INVALID_CIPHERTEXT, "ciphertext"));
    }

    public static Ciphertext of(byte[] bytes) {
        return new Ciphertext(bytes);
    }

    private static byte[] checked(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            throw new DomainException(ErrorCode.INVALID_CIPHERTEXT, "ciphertext must not be empty", "ciphertext");
        }
        if (bytes.length > MAX_BYTES) {
            throw tooLarge();
        }
        return bytes;
    }

    private static DomainException tooLarge() {
        return new DomainException(ErrorCode.MESSAGE_TOO_LARGE, "ciphertext must be at most 65536 bytes", "ciphertext");
    }
}
