package io.convro.adapter.persistence;

import io.convro.contract.RepositoryContract;
import io.convro.contract.RepositoryStores;
import org.junit.jupiter.api.AfterAll;

/** The repository contract on a fresh in-memory H2 (MySQL mode), migrated by the production migrations. */
class H2RepositoryContractTest extends RepositoryContract {
    private Database database;
    private RepositoryStores stores;

    @Override
    protected RepositoryStores stores() {
        if (stores == null) {
            database = H2MemoryDatabase.migrated("convro", 40);
            stores = JdbiStores.of(database);
        }
        return stores;
    }

    @AfterAll
    void closeDatabase() {
        if (database != null) {
            database.close();
        }
    }
}
