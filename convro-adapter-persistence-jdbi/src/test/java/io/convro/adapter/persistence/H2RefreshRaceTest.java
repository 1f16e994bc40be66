package io.convro.adapter.persistence;

import org.junit.jupiter.api.AfterEach;

/** Racing refreshes on embedded H2 (MySQL mode). */
class H2RefreshRaceTest extends RefreshRaceContract {
    private Database database;

    @Override
    protected Database database() {
        database = H2MemoryDatabase.migrated("refreshrace", 10);
        return database;
    }

    @AfterEach
    void close() {
        if (database != null) {
            database.close();
        }
    }
}
