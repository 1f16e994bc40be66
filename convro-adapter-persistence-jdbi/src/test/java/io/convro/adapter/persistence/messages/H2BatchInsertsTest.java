package io.convro.adapter.persistence.messages;

import io.convro.adapter.persistence.Database;
import io.convro.adapter.persistence.H2MemoryDatabase;

/** The send path's multi-row insert on H2 in MySQL mode, the embedded default. */
class H2BatchInsertsTest extends BatchInserts {
    private Database database;

    @Override
    Database openDatabase() {
        database = H2MemoryDatabase.migrated("batch", 4);
        return database;
    }

    @Override
    void closeDatabase() {
        database.close();
    }
}
