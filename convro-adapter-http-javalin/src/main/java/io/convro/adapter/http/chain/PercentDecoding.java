package io.convro.adapter.http.chain;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** A path segment's {@code %XX} escapes decoded as UTF-8 ({@code +} stays a plus: it is a path, not a form). */
final class PercentDecoding {
    private PercentDecoding() {
    }

    static String decode(String segment) {
        if (segment.indexOf('%') < 0) {
            return segment;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(segment.length());
        for (int i = 0; i < segment.length(); i++) {
            char c = segment.charAt(i);
            if (c == '%' && i + 2 < segment.length() && Character.digit(segment.charAt(i + 1), 16) >= 0
                    && Character.digit(segment.charAt(i + 2), 16) >= 0) {
                bytes.write(Integer.parseInt(segment, i + 1, i + 3, 16));
                i += 2;
            } else {
                byte[] encoded = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                bytes.write(encoded, 0, encoded.length);
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
