package io.convro.adapter.persistence.messages;

import io.convro.adapter.persistence.Database;
import io.convro.adapter.persistence.DatabaseSettings;
import java.time.Duration;
import java.util.UUID;

/** The send path's multi-row insert on H2 in MySQL mode, the embedded default. */
class H2BatchInsertsTest extends BatchInserts {
    private Database database;

    @Override
    Database openDatabase() {
        database = Database.connect(new DatabaseSettings("jdbc:h2:mem:batch_" + UUID.randomUUID().toString().replace("-", "")
                + ";MODE=MySQL;DATABASE_TO_LOWER=TRUE", "sa", "", 4, Duration.ofMinutes(30)));
        database.migrate();
        return database;
    }

    @Override
    void closeDatabase() {
        database.close();
    }
}
