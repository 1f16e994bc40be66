package io.convro.adapter.inmemory.shared;

import io.convro.adapter.inmemory.InMemoryDatabase;
import io.convro.application.shared.Transactions;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Serializable transactions over an {@link InMemoryDatabase}: the database lock is held for the whole
 * work, and if the work throws every table is restored and the same exception propagates. A nested
 * call joins the outer transaction.
 */
public final class InMemoryTransactions implements Transactions {
    private final InMemoryDatabase database;

    public InMemoryTransactions(InMemoryDatabase database) {
        this.database = Objects.requireNonNull(database);
    }

    @Override
    public <T> T inTransaction(Supplier<T> work) {
        return database.transaction(work);
    }
}
