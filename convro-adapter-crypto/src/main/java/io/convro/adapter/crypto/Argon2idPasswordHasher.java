package io.convro.adapter.crypto;

import io.convro.application.auth.PasswordHasher;
import io.convro.domain.user.Password;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Argon2id (v1.3, Bouncy Castle) password hashes as PHC strings, with a fresh 16-byte salt per hash
 * and a 32-byte output. Thread-safe: each hash uses its own generator.
 *
 * <p>The memory of a hash (20 MiB at the OWASP minimum, 20,000 blocks of 1 KiB) is taken from a pool that keeps
 * the blocks of as many hashes as there are cores, cleared by Bouncy Castle before they go back. Allocated afresh
 * for each hash, they lived long enough to be promoted out of the young generation, and a burst of logins filled
 * the old one: the soak benchmark saw back-to-back full collections, 30 % of the time, in every burst.
 */
public final class Argon2idPasswordHasher implements PasswordHasher {
    static final int SALT_BYTES = 16;
    static final int HASH_BYTES = 32;
    /**
     * Heap per KiB of Argon2 memory: Bouncy Castle keeps each 1 KiB block as an object around a {@code long[128]}
     * (16 + 1,040 bytes with their headers) plus its slot in the block array (4 bytes with compressed oops); a whole
     * hash allocated 1,065 bytes per KiB when measured (20.7 MB at m=19456), the rest being its few small objects.
     * Rounded up to 1,088 (20.2 MiB per hash at the OWASP minimum).
     */
    static final int HEAP_BYTES_PER_KIB = 1_088;

    private final Argon2idParameters parameters;
    private final SecureRandom random;
    private final Argon2BytesGenerator.BlockPool memory;
    /** A real hash of a random password, verified against when the user does not exist. */
    private final String dummyHash;

    /** Hashes with the OWASP minimum parameters. */
    public Argon2idPasswordHasher() {
        this(Argon2idParameters.OWASP_MINIMUM);
    }

    /** Hashes with {@code parameters} (which cannot be weaker than the OWASP minimum). */
    public Argon2idPasswordHasher(Argon2idParameters parameters) {
        this.parameters = Objects.requireNonNull(parameters, "parameters");
        this.random = new SecureRandom();
        this.memory = new Argon2BytesGenerator.FixedBlockPool(parameters.memoryKiB() * Runtime.getRuntime().availableProcessors());
        byte[] unguessable = new byte[32];
        random.nextBytes(unguessable);
        this.dummyHash = hash(Password.offered(HexFormat.of().formatHex(unguessable)));
    }

    /**
     * The hasher tests should use: the OWASP minimum, like production. There is deliberately no cheaper
     * variant, so a test never exercises a configuration that production would refuse.
     */
    public static Argon2idPasswordHasher owaspMinimum() {
        return new Argon2idPasswordHasher(Argon2idParameters.OWASP_MINIMUM);
    }

    public Argon2idParameters parameters() {
        return parameters;
    }

    /**
     * The heap one hash (or verification) holds until it ends: its memory cost as Bouncy Castle lays it out. What a
     * bound on concurrent hashes must multiply (see docs/memory-budget.md).
     */
    public long heapBytesPerHash() {
        return (long) parameters.memoryKiB() * HEAP_BYTES_PER_KIB;
    }

    @Override
    public String hash(Password password) {
        Objects.requireNonNull(password, "password");
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        byte[] hash = argon2id(password, parameters.memoryKiB(), parameters.iterations(), parameters.parallelism(),
                salt, HASH_BYTES);
        return new Argon2idPhc(parameters.memoryKiB(), parameters.iterations(), parameters.parallelism(), salt, hash)
                .format();
    }

    @Override
    public boolean verify(Password password, String hash) {
        Objects.requireNonNull(password, "password");
        Optional<Argon2idPhc> stored = Argon2idPhc.parse(hash);
        if (stored.isEmpty()) {
            return false;
        }
        Argon2idPhc phc = stored.get();
        byte[] computed = argon2id(password, phc.memoryKiB(), phc.iterations(), phc.parallelism(), phc.salt(),
                phc.hash().length);
        return MessageDigest.isEqual(computed, phc.hash());
    }

    @Override
    public void verifyDummy(Password password) {
        // The result is meaningless; the work is the point.
        verify(password, dummyHash);
    }

    private byte[] argon2id(Password password, int memoryKiB, int iterations, int parallelism, byte[] salt, int length) {
        Argon2Parameters params = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withMemoryAsKB(memoryKiB)
                .withIterations(iterations)
                .withParallelism(parallelism)
                .withSalt(salt)
                .withBlockPool(memory)
                .build();
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(params);
        byte[] secret = password.reveal().getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[length];
        try {
            generator.generateBytes(secret, out);
        } finally {
            Arrays.fill(secret, (byte) 0);
        }
        return out;
    }
}
