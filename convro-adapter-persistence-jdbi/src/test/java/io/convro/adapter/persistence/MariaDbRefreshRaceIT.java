package io.convro.adapter.persistence;

import org.junit.jupiter.api.AfterEach;

/** Racing refreshes on a scratch MariaDB/MySQL database ({@code CONVRO_TEST_MYSQL_URL}). */
class MariaDbRefreshRaceIT extends RefreshRaceContract {
    private ScratchMysqlDatabase scratch;

    @Override
    protected Database database() {
        scratch = ScratchMysqlDatabase.create();
        return scratch.database();
    }

    @AfterEach
    void drop() {
        if (scratch != null) {
            scratch.close();
        }
    }
}
