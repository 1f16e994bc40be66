package io.convro.domain;

import java.util.Base64;

/**
 * The two base64 dialects of the contract: strict standard base64 with padding (prekeys), and
 * "standard or base64url without padding" (handshake offers, ciphertext).
 */
public final class Base64s {
    // checked without a regex: this runs for every ciphertext, where a regex costs more than the decoding

    private Base64s() {
    }

    /** Decode standard base64 with padding, or throw {@code code}. */
    public static byte[] decodeStandard(String text, ErrorCode code, String what) {
        byte[] bytes = standardOrNull(text);
        if (bytes == null) {
            throw new DomainException(code, what + " must be standard base64 with padding");
        }
        return bytes;
    }

    /** Decode standard base64 (padded) or base64url (padding optional), or throw {@code code}. */
    public static byte[] decodeLenient(String text, ErrorCode code, String what) {
        byte[] bytes = standardOrNull(text);
        if (bytes != null) {
            return bytes;
        }
        if (text != null) {
            String unpadded = stripPadding(text);
            if (isUrlAlphabet(unpadded) && unpadded.length() % 4 != 1) {
                return Base64.getUrlDecoder().decode(unpadded);
            }
        }
        throw new DomainException(code, what + " must be base64 or base64url");
    }

    /**
     * Groups of four standard-alphabet characters, the last of which may end in "=" or "==", decoded; else null. The
     * JDK's decoder refuses every other character and any misplaced "=", so with whole groups its answer is the
     * grammar's, in one pass over the text (this runs for every ciphertext).
     */
    private static byte[] standardOrNull(String text) {
        if (text == null || text.length() % 4 != 0) {
            return null;
        }
        try {
            return Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException notStandard) {
            return null;
        }
    }

    public static String encodeStandard(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    private static boolean isUrlAlphabet(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!isAlphanumeric(c) && c != '-' && c != '_') {
                return false;
            }
        }
        return true;
    }

    private static boolean isAlphanumeric(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    }

    private static String stripPadding(String text) {
        int end = text.length();
        while (end > 0 && end > text.length() - 2 && text.charAt(end - 1) == '=') {
            end--;
        }
        return text.substring(0, end);
    }
}
