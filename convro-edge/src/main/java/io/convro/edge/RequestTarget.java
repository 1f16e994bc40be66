package io.convro.edge;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Whether a request target can be served: origin-form ({@code /path?query}), every {@code %} followed by two hex
 * digits (in the query too), no control character (raw or escaped, NUL included), no {@code .} or {@code ..} segment
 * (raw or escaped), and a path that decodes to UTF-8. Anything else is answered {@code 400 BAD_REQUEST} by the port
 * and never passed on: not to netty-socketio (whose URI decoder threw, so the connection was dropped without an answer
 * and the exception, URI and token included, logged), nor to Jetty (which answered some of them with an HTML page).
 *
 * <p>Runs on the event loop for every request: a target without {@code %} and {@code /.} is checked in one pass over
 * its characters, without allocating.
 */
final class RequestTarget {

    private RequestTarget() {
    }

    static boolean isValid(String uri) {
        if (uri.isEmpty() || uri.charAt(0) != '/') {
            return false; // absolute-form, authority-form, asterisk-form: not for this server
        }
        boolean escaped = false;
        int length = uri.length();
        int query = length;
        for (int i = 0; i < length; i++) {
            char c = uri.charAt(i);
            if (c < 0x21 || c == 0x7f || c > 0x7e) {
                return false; // control characters, spaces and anything that is not ASCII must be escaped
            }
            if (c == '%') {
                if (i + 2 >= length || !isHex(uri.charAt(i + 1)) || !isHex(uri.charAt(i + 2))) {
                    return false;
                }
                escaped = true;
            } else if (c == '?' && query == length) {
                query = i;
            }
        }
        String path = uri.substring(0, query);
        if (!escaped) {
            return !hasDotSegment(path);
        }
        String decoded = decodedPath(path);
        return decoded != null && !hasDotSegment(decoded) && !hasControl(decoded) && !hasEscapedControl(uri, query);
    }

    private static boolean isHex(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    /** The path's bytes decoded as UTF-8, strictly; {@code null} when they are not UTF-8. */
    private static String decodedPath(String path) {
        byte[] bytes = new byte[path.length()];
        int n = 0;
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c == '%') {
                bytes[n++] = (byte) Integer.parseInt(path, i + 1, i + 3, 16);
                i += 2;
            } else {
                bytes[n++] = (byte) c;
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes, 0, n)).toString();
        } catch (CharacterCodingException notUtf8) {
            return null;
        }
    }

    private static boolean hasDotSegment(String path) {
        int start = 0;
        while (start <= path.length()) {
            int end = path.indexOf('/', start);
            if (end < 0) {
                end = path.length();
            }
            int size = end - start;
            if ((size == 1 && path.charAt(start) == '.') || (size == 2 && path.charAt(start) == '.' && path.charAt(start + 1) == '.')) {
                return true;
            }
            start = end + 1;
        }
        return false;
    }

    private static boolean hasControl(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                return true;
            }
        }
        return false;
    }

    /** {@code %00}–{@code %1F} or {@code %7F} in the query. */
    private static boolean hasEscapedControl(String uri, int query) {
        for (int i = query; i + 2 < uri.length(); i++) {
            if (uri.charAt(i) == '%') {
                int value = Integer.parseInt(uri, i + 1, i + 3, 16);
                if (value < 0x20 || value == 0x7f) {
                    return true;
                }
            }
        }
        return false;
    }
}
