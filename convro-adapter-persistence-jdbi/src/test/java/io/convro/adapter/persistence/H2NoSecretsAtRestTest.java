package io.convro.adapter.persistence;

import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;

/** The at-rest scan on embedded H2 (MySQL mode), migrated by the production migrations. */
class H2NoSecretsAtRestTest extends NoSecretsAtRestContract {
    private Database database;

    @Override
    protected Database database() {
        database = Database.connect(new DatabaseSettings("jdbc:h2:mem:atrest_" + UUID.randomUUID().toString().replace("-", "")
                + ";MODE=MySQL;DATABASE_TO_LOWER=TRUE", "sa", "", 10, Duration.ofMinutes(30)));
        database.migrate();
        return database;
    }

    @AfterEach
    void close() {
        if (database != null) {
            database.close();
        }
    }
}
