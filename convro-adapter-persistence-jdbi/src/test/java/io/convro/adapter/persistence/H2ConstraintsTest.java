package io.convro.adapter.persistence;

/** The schema's constraints on H2 in MySQL mode: the embedded default must refuse the same rows. */
class H2ConstraintsTest extends DatabaseConstraints {
    private Database database;

    @Override
    Database openDatabase() {
        database = H2MemoryDatabase.migrated("constraints", 4);
        return database;
    }

    @Override
    void closeDatabase() {
        database.close();
    }
}
