package io.convro.adapter.inmemory.users;

import io.convro.adapter.inmemory.InMemoryDatabase;
import io.convro.adapter.inmemory.Table;
import io.convro.application.users.NumberSequence;
import java.security.SecureRandom;
import java.util.Objects;

/**
 * The number allocator's counter, a row of the database (so a rolled-back registration gives its value
 * back), and its permutation key: 32 random bytes made once, when the sequence is created.
 */
public final class InMemoryNumberSequence implements NumberSequence {
    private static final String COUNTER = "convro_number";
    private static final int KEY_BYTES = 32;

    private final InMemoryDatabase database;
    private final Table<String, Long> counters;
    private final byte[] key;

    public InMemoryNumberSequence(InMemoryDatabase database) {
        this(database, randomKey());
    }

    /** With a chosen key, for tests that need reproducible numbers. */
    public InMemoryNumberSequence(InMemoryDatabase database, byte[] key) {
        this.database = Objects.requireNonNull(database);
        if (key.length < 16) {
            throw new IllegalArgumentException("the permutation key needs at least 16 bytes");
        }
        this.key = key.clone();
        this.counters = database.newTable("number_sequence");
    }

    @Override
    public long takeNext() {
        return database.statement(() -> {
            long next = counters.find(COUNTER).orElse(0L);
            counters.upsert(COUNTER, next + 1);
            return next;
        });
    }

    @Override
    public byte[] permutationKey() {
        return key.clone();
    }

    private static byte[] randomKey() {
        byte[] bytes = new byte[KEY_BYTES];
        new SecureRandom().nextBytes(bytes);
        return bytes;
    }
}
