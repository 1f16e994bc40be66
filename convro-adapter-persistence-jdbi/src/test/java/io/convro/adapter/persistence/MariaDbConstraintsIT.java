package io.convro.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

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

    /**
     * Every stored message updates each of these B-trees, so each one is there for a query or a key: InnoDB adds an
     * index of its own for a foreign key that no index begins with, and such an index is a cost on every send.
     */
    @Test
    void everyIndexOfTheMessagesTableServesAQueryOrAKey() {
        var indexes = scratch.database().jdbi().withHandle(handle -> handle.createQuery(
                "SELECT DISTINCT index_name FROM information_schema.statistics "
                        + "WHERE table_schema = DATABASE() AND table_name = 'dm_messages'").mapTo(String.class).list());
        assertThat(indexes).containsExactlyInAnyOrder("PRIMARY",
                "uq_dm_messages_recipient", // message_receipts' key: a receipt's device is the message's recipient
                "uq_dm_messages_client_message_id", // the idempotency key
                "fk_dm_messages_sender", // the sender is a device of the session
                "ix_dm_messages_session", // history, last messages; the recipient's key uses the next one
                "ix_dm_messages_unread"); // unread counts; also the recipient is a device of the session
    }
}
