package io.convro.adapter.persistence.users;

import org.jdbi.v3.sqlobject.SingleValue;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

interface NumberSequenceDao {
    /** Takes the row lock first, so concurrent registrations queue here rather than read the same value. */
    @SqlUpdate("UPDATE number_sequence SET next_value = next_value + 1 WHERE id = 1")
    int increment();

    @SqlQuery("SELECT next_value FROM number_sequence WHERE id = 1")
    long nextValue();

    /** {@code @SingleValue}: one BLOB, not an array of one-byte rows. */
    @SqlQuery("SELECT permutation_key FROM number_sequence WHERE id = 1")
    @SingleValue
    byte[] permutationKey();
}
