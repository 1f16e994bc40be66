package io.convro.domain;

import java.util.Arrays;

/**
 * Shared shape of Convro's byte-string values (keys, signatures, ciphertext, auth tags): an immutable copy of
 * the bytes, equality by content, standard base64 on the wire. Subclasses check the length in their factories.
 */
public abstract class ByteValue {
    private final byte[] bytes;

    protected ByteValue(byte[] bytes) {
        this.bytes = bytes.clone();
    }

    public final byte[] bytes() {
        return bytes.clone();
    }

    public final int length() {
        return bytes.length;
    }

    public final String base64() {
        return Base64s.encodeStandard(bytes);
    }

    @Override
    public final boolean equals(Object other) {
        return other != null && other.getClass() == getClass() && Arrays.equals(bytes, ((ByteValue) other).bytes);
    }

    @Override
    public final int hashCode() {
        return Arrays.hashCode(bytes);
    }

    /** Names the type and length only: a value may be secret-adjacent (ciphertext), so its bytes are not printed. */
    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + bytes.length + " bytes]";
    }
}
