package io.convro.domain;

import java.util.Locale;

/** Fixed-length hexadecimal identifiers: case-insensitive on input, lowercase in the canonical form. */
public final class Hex {
    private Hex() {
    }

    /** Lowercase {@code text} if it is exactly {@code length} hex digits, else throw {@code code}. */
    public static String fixed(String text, int length, ErrorCode code, String what) {
        if (text == null || text.length() != length) {
            throw new DomainException(code, what + " must be exactly " + length + " hex characters");
        }
        for (int i = 0; i < length; i++) {
            if (Character.digit(text.charAt(i), 16) < 0) {
                throw new DomainException(code, what + " must be exactly " + length + " hex characters");
            }
        }
        return text.toLowerCase(Locale.ROOT);
    }

    public static String encode(byte[] bytes) {
        StringBuilder out = new StringBuilder(bytes.length * 2);
        for (byte b : bytes) {
            out.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
        }
        return out.toString();
    }
}
