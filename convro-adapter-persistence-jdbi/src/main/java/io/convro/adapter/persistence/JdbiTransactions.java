package io.convro.adapter.persistence;

import io.convro.application.shared.Transactions;
import java.util.function.Supplier;

/**
 * The {@link Transactions} port on JDBI: {@code Jdbi.inTransaction} with its handle bound to the thread,
 * so every repository called inside joins the same transaction; nested calls join the outer one.
 */
public final class JdbiTransactions implements Transactions {
    private final Handles handles;

    public JdbiTransactions(Handles handles) {
        this.handles = handles;
    }

    @Override
    public <T> T inTransaction(Supplier<T> work) {
        return handles.inTransaction(work);
    }
}
