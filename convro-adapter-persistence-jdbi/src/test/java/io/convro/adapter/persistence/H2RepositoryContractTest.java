package io.convro.adapter.persistence;

import io.convro.contract.RepositoryContract;
import io.convro.contract.RepositoryStores;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;

/** The repository contract on a fresh in-memory H2 (MySQL mode), migrated by the production migrations. */
class H2RepositoryContractTest extends RepositoryContract {
    private Database database;
    private RepositoryStores stores;

    @Override
    protected RepositoryStores stores() {
        if (stores == null) {
            String url = "jdbc:h2:mem:convro_" + UUID.randomUUID().toString().replace("-", "")
                    + ";MODE=MySQL;DATABASE_TO_LOWER=TRUE";
            database = Database.connect(new DatabaseSettings(url, "sa", "", 40, Duration.ofMinutes(30)));
            database.migrate();
            // the pool keeps connections open, so the in-memory database lives exactly as long as the pool
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
