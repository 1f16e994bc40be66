package io.convro.domain.group;

import io.convro.domain.Base64s;
import io.convro.domain.ByteValue;
import io.convro.domain.DomainException;
import io.convro.domain.ErrorCode;

/** A group's title, encrypted by its members: 1..1024 opaque bytes. The server never sees a title in clear. */
public final class EncryptedTitle extends ByteValue {
    public static final int MAX_BYTES = 1_024;

    private EncryptedTitle(byte[] bytes) {
        super(checked(bytes));
    }

    /** Parse standard base64 or base64url (as ciphertext); not base64, empty or over 1 KiB is {@code INVALID_ENCRYPTED_TITLE}. */
    public static EncryptedTitle parseBase64(String text) {
        if (text != null && text.length() > (MAX_BYTES / 3 + 1) * 4 + 4) {
            throw invalid();
        }
        return new EncryptedTitle(Base64s.decodeLenient(text, ErrorCode.INVALID_ENCRYPTED_TITLE, "encryptedTitle"));
    }

    public static EncryptedTitle of(byte[] bytes) {
        return new EncryptedTitle(bytes);
    }

    private static byte[] checked(byte[] bytes) {
        if (bytes == null || bytes.length == 0 || bytes.length > MAX_BYTES) {
            throw invalid();
        }
        return bytes;
    }

    private static DomainException invalid() {
        return new DomainException(ErrorCode.INVALID_ENCRYPTED_TITLE, "encryptedTitle must be base64 of 1..1024 bytes", "encryptedTitle");
    }
}
