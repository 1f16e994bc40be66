package io.convro.adapter.crypto;

import java.util.Base64;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One Argon2id hash in PHC string form: {@code $argon2id$v=19$m=<KiB>,t=<n>,p=<n>$<salt>$<hash>},
 * salt and hash in standard base64 without padding. Parsing accepts any parameters Argon2 itself
 * accepts (within {@link Argon2idParameters}' upper bounds), because a stored hash carries the cost it
 * was made with.
 */
record Argon2idPhc(int memoryKiB, int iterations, int parallelism, byte[] salt, byte[] hash) {
    static final int VERSION = 19;
    private static final Pattern FORMAT = Pattern.compile(
            "^\\$argon2id\\$v=19\\$m=([0-9]{1,10}),t=([0-9]{1,10}),p=([0-9]{1,10})\\$([A-Za-z0-9+/]+)\\$([A-Za-z0-9+/]+)$");
    private static final int MIN_SALT_BYTES = 8;
    private static final int MAX_SALT_BYTES = 64;
    private static final int MIN_HASH_BYTES = 16;
    private static final int MAX_HASH_BYTES = 64;

    String format() {
        Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
        return "$argon2id$v=" + VERSION + "$m=" + memoryKiB + ",t=" + iterations + ",p=" + parallelism
                + "$" + b64.encodeToString(salt) + "$" + b64.encodeToString(hash);
    }

    /** The hash described by {@code text}, or empty if it is not a usable Argon2id v1.3 PHC string. */
    static Optional<Argon2idPhc> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher m = FORMAT.matcher(text);
        if (!m.matches()) {
            return Optional.empty();
        }
        long memory = Long.parseLong(m.group(1));
        long iterations = Long.parseLong(m.group(2));
        long parallelism = Long.parseLong(m.group(3));
        // Argon2 needs at least 8 KiB per lane; the maxima keep a corrupted row from exhausting the heap.
        if (parallelism < 1 || parallelism > Argon2idParameters.MAX_PARALLELISM
                || iterations < 1 || iterations > Argon2idParameters.MAX_ITERATIONS
                || memory < 8 * parallelism || memory > Argon2idParameters.MAX_MEMORY_KIB) {
            return Optional.empty();
        }
        byte[] salt = decode(m.group(4));
        byte[] hash = decode(m.group(5));
        if (salt == null || hash == null
                || salt.length < MIN_SALT_BYTES || salt.length > MAX_SALT_BYTES
                || hash.length < MIN_HASH_BYTES || hash.length > MAX_HASH_BYTES) {
            return Optional.empty();
        }
        return Optional.of(new Argon2idPhc((int) memory, (int) iterations, (int) parallelism, salt, hash));
    }

    private static byte[] decode(String unpadded) {
        if (unpadded.length() % 4 == 1) {
            return null;
        }
        try {
            return Base64.getDecoder().decode(unpadded);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
