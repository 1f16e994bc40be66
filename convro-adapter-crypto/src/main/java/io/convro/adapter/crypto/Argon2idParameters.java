package io.convro.adapter.crypto;

/**
 * Cost parameters of Argon2id. Never weaker than the OWASP minimum (m=19456 KiB, t=2, p=1): each
 * value must be at least the minimum's, so a configuration cannot trade memory for time below it.
 * The upper bounds keep a typo in the configuration from exhausting the heap.
 *
 * @param memoryKiB   memory per hash in KiB
 * @param iterations  passes over the memory
 * @param parallelism lanes
 */
public record Argon2idParameters(int memoryKiB, int iterations, int parallelism) {
    /** OWASP Password Storage Cheat Sheet, first recommended Argon2id configuration. */
    public static final Argon2idParameters OWASP_MINIMUM = new Argon2idParameters(19_456, 2, 1);

    /** 1 GiB: above this a single login could take the server's memory. */
    public static final int MAX_MEMORY_KIB = 1 << 20;
    public static final int MAX_ITERATIONS = 64;
    public static final int MAX_PARALLELISM = 64;

    public Argon2idParameters {
        if (memoryKiB < 19_456 || iterations < 2 || parallelism < 1) {
            throw new IllegalArgumentException("Argon2id parameters below the OWASP minimum (m=19456 KiB, t=2, p=1): m="
                    + memoryKiB + ", t=" + iterations + ", p=" + parallelism);
        }
        if (memoryKiB > MAX_MEMORY_KIB || iterations > MAX_ITERATIONS || parallelism > MAX_PARALLELISM) {
            throw new IllegalArgumentException("Argon2id parameters above the supported maximum (m=" + MAX_MEMORY_KIB
                    + " KiB, t=" + MAX_ITERATIONS + ", p=" + MAX_PARALLELISM + ")");
        }
    }
}
