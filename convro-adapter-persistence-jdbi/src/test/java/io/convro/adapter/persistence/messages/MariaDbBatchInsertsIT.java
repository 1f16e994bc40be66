package io.convro.adapter.persistence.messages;

import io.convro.adapter.persistence.Database;
import io.convro.adapter.persistence.ScratchMysqlDatabase;

/** The send path's multi-row insert on a scratch MySQL/MariaDB database ({@code CONVRO_TEST_MYSQL_URL}). */
class MariaDbBatchInsertsIT extends BatchInserts {
    private ScratchMysqlDatabase scratch;

    @Override
    Database openDatabase() {
        scratch = ScratchMysqlDatabase.create();
        return scratch.database();
    }

    @Override
    void closeDatabase() {
        scratch.close();
    }
}
