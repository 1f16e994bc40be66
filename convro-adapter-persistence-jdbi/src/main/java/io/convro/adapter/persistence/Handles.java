package io.convro.adapter.persistence;

import java.util.function.Function;
import java.util.function.Supplier;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Where repositories get their JDBI handle: the one bound to the current thread by a running
 * transaction, so that they join it, or else a fresh one for just that call.
 */
public final class Handles {
    private final Jdbi jdbi;
    private final ThreadLocal<Handle> bound = new ThreadLocal<>();

    public Handles(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** Run {@code work} on the transaction's handle, or on a handle of its own outside a transaction. */
    public <R> R withHandle(Function<Handle, R> work) {
        Handle current = bound.get();
        if (current != null) {
            return work.apply(current);
        }
        return Unavailable.translate(() -> jdbi.withHandle(work::apply));
    }

    /**
     * Run {@code work} on a handle of its own, never the current transaction's: each statement commits by itself.
     * For writes that are their own atomic step (the send path's inserts).
     */
    public <R> R withOwnHandle(Function<Handle, R> work) {
        return Unavailable.translate(() -> {
            try (Handle handle = jdbi.open()) {
                return work.apply(handle);
            }
        });
    }

    /** Run {@code work} with an on-demand SqlObject DAO attached to the current handle. */
    public <D, R> R withDao(Class<D> dao, Function<D, R> work) {
        return withHandle(handle -> work.apply(handle.attach(dao)));
    }

    /** Run {@code work} all-or-nothing; inside a running transaction it simply joins it. */
    public <R> R inTransaction(Supplier<R> work) {
        if (bound.get() != null) {
            return work.get();
        }
        return Unavailable.translate(() -> jdbi.inTransaction(handle -> {
            bound.set(handle);
            try {
                return work.get();
            } finally {
                bound.remove();
            }
        }));
    }

    /** Whether the current thread runs inside a transaction. */
    public boolean inTransaction() {
        return bound.get() != null;
    }
}
