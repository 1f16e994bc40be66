package io.convro.adapter.persistence;

import org.junit.jupiter.api.AfterEach;

/** The at-rest scan on embedded H2 (MySQL mode), migrated by the production migrations. */
class H2NoSecretsAtRestTest extends NoSecretsAtRestContract {
    private Database database;

    @Override
    protected Database database() {
        database = H2MemoryDatabase.migrated("atrest", 10);
        return database;
    }

    @AfterEach
    void close() {
        if (database != null) {
            database.close();
        }
    }
}
