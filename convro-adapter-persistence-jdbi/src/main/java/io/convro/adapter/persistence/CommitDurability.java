package io.convro.adapter.persistence;

import java.sql.Connection;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * What a committed write still needs before it may be acknowledged. On MySQL and MariaDB nothing: InnoDB's commit
 * returns once its redo log is on disk. On H2 a commit only changes the store in memory, and H2 writes it to the
 * file up to a second later ({@link H2StoreFlush}): an acknowledgement must wait for that write.
 */
public interface CommitDurability {
    /** InnoDB (and any database whose commit is durable when it returns). */
    CommitDurability AT_COMMIT = new CommitDurability() {
        @Override
        public boolean hasUncommittedChanges(Connection connection) {
            return false;
        }

        @Override
        public CompletionStage<Void> flushed() {
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public void close() {
        }
    };

    /** Whether the transaction running on {@code connection} has changed anything, so that its commit must be flushed. */
    boolean hasUncommittedChanges(Connection connection);

    /**
     * Completes once everything committed before this call is in the database's files; exceptionally when that
     * cannot be done (the store failed or is closed).
     */
    CompletionStage<Void> flushed();

    /** Flush what is still waiting, then stop. */
    void close();
}
