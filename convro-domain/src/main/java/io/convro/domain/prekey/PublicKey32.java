package io.convro.domain.prekey;

import io.convro.domain.Base64s;
import io.convro.domain.DomainException;
import io.convro.domain.ErrorCode;
import java.util.Arrays;

/**
 * Shared shape of the 32-byte public keys (Ed25519 identity keys, X25519 prekeys): raw bytes,
 * compared by content, rendered as standard base64.
 */
abstract class PublicKey32 {
    static final int LENGTH = 32;
    private final byte[] bytes;

    PublicKey32(byte[] bytes, ErrorCode code, String what) {
        if (bytes == null || bytes.length != LENGTH) {
            throw new DomainException(code, what + " must be exactly 32 bytes");
        }
        this.bytes = bytes.clone();
    }

    public byte[] bytes() {
        return bytes.clone();
    }

    public String base64() {
        return Base64s.encodeStandard(bytes);
    }

    @Override
    public boolean equals(Object other) {
        return other != null && other.getClass() == getClass() && Arrays.equals(bytes, ((PublicKey32) other).bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + base64() + "]";
    }
}
