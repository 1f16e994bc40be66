package io.convro.adapter.persistence;

/** The schema's constraints on a scratch MySQL/MariaDB database ({@code CONVRO_TEST_MYSQL_URL}). */
class MariaDbConstraintsIT extends DatabaseConstraints {
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
