package io.convro.adapter.persistence;

import java.time.Duration;
import java.util.UUID;

/** The schema's constraints on H2 in MySQL mode: the embedded default must refuse the same rows. */
class H2ConstraintsTest extends DatabaseConstraints {
    private Database database;

    @Override
    Database openDatabase() {
        database = Database.connect(new DatabaseSettings("jdbc:h2:mem:constraints_" + UUID.randomUUID().toString().replace("-", "")
                + ";MODE=MySQL;DATABASE_TO_LOWER=TRUE", "sa", "", 4, Duration.ofMinutes(30)));
        database.migrate();
        return database;
    }

    @Override
    void closeDatabase() {
        database.close();
    }
}
