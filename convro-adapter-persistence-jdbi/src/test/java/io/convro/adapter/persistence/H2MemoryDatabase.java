package io.convro.adapter.persistence;

import java.time.Duration;
import java.util.UUID;

/**
 * A new, migrated in-memory H2 database in MySQL mode, as the embedded default runs it. The pool keeps its
 * connections open, so the database lives exactly as long as the returned {@link Database}.
 */
public final class H2MemoryDatabase {
    private H2MemoryDatabase() {
    }

    /** A database named {@code <prefix>_<random>}, with a pool of {@code poolSize}, its schema migrated. */
    public static Database migrated(String prefix, int poolSize) {
        Database database = Database.connect(new DatabaseSettings("jdbc:h2:mem:" + prefix + "_"
                + UUID.randomUUID().toString().replace("-", "") + ";MODE=MySQL;DATABASE_TO_LOWER=TRUE", "sa", "", poolSize,
                Duration.ofMinutes(30)));
        database.migrate();
        return database;
    }
}
