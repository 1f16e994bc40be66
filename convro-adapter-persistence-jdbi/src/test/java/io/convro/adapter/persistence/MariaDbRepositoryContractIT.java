package io.convro.adapter.persistence;

import io.convro.contract.RepositoryContract;
import io.convro.contract.RepositoryStores;
import org.junit.jupiter.api.AfterAll;

/** The repository contract on a scratch MySQL/MariaDB database ({@code CONVRO_TEST_MYSQL_URL}). */
class MariaDbRepositoryContractIT extends RepositoryContract {
    private ScratchMysqlDatabase scratch;
    private RepositoryStores stores;

    @Override
    protected RepositoryStores stores() {
        if (stores == null) {
            scratch = ScratchMysqlDatabase.create();
            stores = JdbiStores.of(scratch.database());
        }
        return stores;
    }

    @AfterAll
    void dropDatabase() {
        if (scratch != null) {
            scratch.close();
        }
    }
}
