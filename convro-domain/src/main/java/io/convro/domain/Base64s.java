package io.convro.domain;

import java.util.Base64;
import java.util.regex.Pattern;

/**
 * The two base64 dialects of the contract: strict standard base64 with padding (prekeys), and
 * "standard or base64url without padding" (handshake offers, ciphertext).
 */
public final class Base64s {
    private static final Pattern STANDARD = Pattern.compile("^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$");
    private static final Pattern URL_UNPADDED = Pattern.compile("^[A-Za-z0-9_-]*$");

    private Base64s() {
    }

    /** Decode standard base64 with padding, or throw {@code code}. */
    public static byte[] decodeStandard(String text, ErrorCode code, String what) {
        if (text == null || !STANDARD.matcher(text).matches()) {
            throw new DomainException(code, what + " must be standard base64 with padding");
        }
        return Base64.getDecoder().decode(text);
    }

    /** Decode standard base64 (padded) or base64url (padding optional), or throw {@code code}. */
    public static byte[] decodeLenient(String text, ErrorCode code, String what) {
        if (text != null && STANDARD.matcher(text).matches()) {
            return Base64.getDecoder().decode(text);
        }
        if (text != null) {
            String unpadded = stripPadding(text);
            if (URL_UNPADDED.matcher(unpadded).matches() && unpadded.length() % 4 != 1) {
                return Base64.getUrlDecoder().decode(unpadded);
            }
        }
        throw new DomainException(code, what + " must be base64 or base64url");
    }

    public static String encodeStandard(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    private static String stripPadding(String text) {
        int end = text.length();
        while (end > 0 && end > text.length() - 2 && text.charAt(end - 1) == '=') {
            end--;
        }
        return text.substring(0, end);
    }
}
