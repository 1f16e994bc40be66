package io.convro.domain.prekey;

import io.convro.domain.ByteValue;
import io.convro.domain.DomainException;
import io.convro.domain.ErrorCode;

/** Shared shape of the 32-byte public keys (Ed25519 identity keys, X25519 prekeys). */
abstract class PublicKey32 extends ByteValue {
    static final int LENGTH = 32;

    PublicKey32(byte[] bytes, ErrorCode code, String what) {
        super(checked(bytes, code, what));
    }

    private static byte[] checked(byte[] bytes, ErrorCode code, String what) {
        if (bytes == null || bytes.length != LENGTH) {
            throw new DomainException(code, what + " must be exactly 32 bytes");
        }
        return bytes;
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + base64() + "]";
    }
}
