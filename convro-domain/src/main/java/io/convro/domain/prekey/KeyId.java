package io.convro.domain.prekey;

import io.convro.domain.ErrorCode;
import io.convro.domain.Hex;

/** A prekey's id (signed or one-time): exactly 16 hex characters, lowercase when stored. */
public record KeyId(String value) {
    public KeyId {
        value = Hex.fixed(value, 16, ErrorCode.INVALID_KEY_ID, "keyId");
    }

    public static KeyId parse(String text) {
        return new KeyId(text);
    }

    @Override
    public String toString() {
        return value;
    }
}
