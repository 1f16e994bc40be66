package io.convro.adapter.inmemory;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * The one database behind a consistent set of in-memory repositories: every table, guarded by ONE lock.
 *
 * <p>Whoever holds the lock owns the whole database, so a transaction is serializable and every
 * repository call outside a transaction is atomic. Writes to any {@link Table} are recorded in an undo
 * log; a transaction that throws is rolled back by replaying that log backwards, which restores every
 * table (and the number sequence) exactly as it was when the transaction began — the same outcome as
 * restoring a snapshot taken at its start, at the cost of the rows written rather than of the whole
 * database. A failing statement (one repository call) is likewise undone on its own, as a database
 * does with a statement that violates a constraint inside a transaction that then goes on.
 */
public final class InMemoryDatabase {
    private final ReentrantLock lock = new ReentrantLock();
    /** Guarded by {@link #lock}; emptied whenever the outermost scope ends. */
    private final List<Runnable> undoLog = new ArrayList<>();

    /**
     * Run {@code work} all-or-nothing while holding the lock. If it throws, every table is restored and
     * the exception propagates unchanged. A call made while this thread already holds the lock joins
     * the outer scope: only the outermost transaction decides between commit and rollback.
     */
    public <T> T transaction(Supplier<T> work) {
        lock.lock();
        try {
            if (lock.getHoldCount() > 1) {
                return work.get();
            }
            boolean committed = false;
            try {
                T result = work.get();
                committed = true;
                return result;
            } finally {
                if (!committed) {
                    rollbackTo(0);
                }
                undoLog.clear();
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Run one repository call atomically: under the lock, and undone on its own if it throws (a
     * statement that fails inside a transaction leaves the transaction's earlier writes alone).
     */
    public <T> T statement(Supplier<T> work) {
        lock.lock();
        try {
            int savepoint = undoLog.size();
            boolean done = false;
            try {
                T result = work.get();
                done = true;
                return result;
            } finally {
                if (!done) {
                    rollbackTo(savepoint);
                }
                if (lock.getHoldCount() == 1) {
                    undoLog.clear();
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /** {@link #statement(Supplier)} for calls that return nothing. */
    public void execute(Runnable work) {
        statement(() -> {
            work.run();
            return null;
        });
    }

    /** A new empty table of this database. */
    public <K, V> Table<K, V> newTable(String name) {
        return new Table<>(this, name);
    }

    /** Whether the calling thread is inside a transaction or statement of this database. */
    public boolean isHeldByCurrentThread() {
        return lock.isHeldByCurrentThread();
    }

    void requireLock(String table) {
        if (!lock.isHeldByCurrentThread()) {
            // A table touched outside statement()/transaction() would race with other threads.
            throw new IllegalStateException("table " + table + " accessed without holding the database lock");
        }
    }

    void logUndo(Runnable undo) {
        undoLog.add(undo);
    }

    private void rollbackTo(int savepoint) {
        for (int i = undoLog.size() - 1; i >= savepoint; i--) {
            undoLog.remove(i).run();
        }
    }
}
