package io.convro.adapter.persistence;

import io.convro.domain.DomainException;
import io.convro.domain.ErrorCode;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.MVStore;

/**
 * Group commit to H2's file. An H2 commit changes the MVStore in memory; H2's background writer stores it in the
 * file up to {@code WRITE_DELAY} (1 s) later, so a process that is killed loses every commit of its last second
 * (1,721 acknowledged messages in one SIGKILL, and their ids were handed out again after the restart). Here every
 * acknowledgement of a write waits until its commit is in the file: writers queue a stage and go on (the message
 * writer) or wait (request threads); one flusher thread takes everything waiting, stores the MVStore once, waits
 * for H2's own store pipeline to drain, forces the file to the disk, and completes them all.
 *
 * <p>Why not {@code WRITE_DELAY=0}, which stores on every commit: each store writes a new chunk of 20-40 KB, and
 * H2 keeps old chunks for 45 s and stops compacting in that mode. A send burst with receipts grew the file to
 * 2.4 GB for 180,000 messages in 19 s, against 50 MB with the background writer. One flush for all commits that
 * waited during the previous one keeps the number of stores, and with it the file, small, and costs each write at
 * most one flush of latency.
 *
 * <p>It reaches the MVStore through H2's public engine API (JdbcConnection → SessionLocal → Database → Store):
 * SQL offers only {@code CHECKPOINT SYNC}, which returns early while H2's background writer is still writing the
 * same changes. {@link MVStore#executeFilestoreOperation} is the one call that waits for that writer's pipeline.
 */
final class H2StoreFlush implements CommitDurability {
    private static final CompletableFuture<Void> STOP = new CompletableFuture<>();

    private final MVStore store;
    private final DatabaseFailures failures;
    private final LinkedBlockingQueue<CompletableFuture<Void>> waiting = new LinkedBlockingQueue<>();
    private final Thread flusher;
    private volatile boolean closed;

    private H2StoreFlush(MVStore store, DatabaseFailures failures) {
        this.store = store;
        this.failures = failures;
        this.flusher = new Thread(this::flushUntilStopped, "convro-h2-flush");
        flusher.setDaemon(true);
        flusher.start();
    }

    /** The flusher for the H2 file database behind {@code dataSource}; an in-memory one has no file to wait for. */
    static CommitDurability of(DataSource dataSource, DatabaseFailures failures) {
        try (Connection connection = dataSource.getConnection()) {
            MVStore store = session(connection).getDatabase().getStore().getMvStore();
            return store.isPersistent() ? new H2StoreFlush(store, failures) : CommitDurability.AT_COMMIT;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot reach the H2 store", e);
        }
    }

    @Override
    public boolean hasUncommittedChanges(Connection connection) {
        try {
            return session(connection).hasPendingTransaction();
        } catch (SQLException e) {
            // not knowing means flushing: a flush too many costs a millisecond, one too few loses a write
            return true;
        }
    }

    @Override
    public CompletionStage<Void> flushed() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        if (closed) {
            done.completeExceptionally(new DomainException(ErrorCode.SERVICE_UNAVAILABLE, "the database is closing"));
            return done;
        }
        waiting.add(done);
        return done;
    }

    private void flushUntilStopped() {
        List<CompletableFuture<Void>> batch = new ArrayList<>();
        while (true) {
            try {
                batch.add(waiting.take());
            } catch (InterruptedException e) {
                return;
            }
            waiting.drainTo(batch);
            boolean stop = batch.remove(STOP);
            if (!batch.isEmpty()) {
                flush(batch);
            }
            batch.clear();
            if (stop) {
                return;
            }
        }
    }

    /** Everything committed before the batch's stages were queued is in the file when they complete. */
    private void flush(List<CompletableFuture<Void>> batch) {
        try {
            store.commit();
            // a store the background writer began (and which may hold these commits) finishes writing first
            store.executeFilestoreOperation(() -> { });
            store.sync();
            batch.forEach(done -> done.complete(null));
        } catch (RuntimeException failure) {
            failures.record(failure);
            DomainException unavailable = new DomainException(ErrorCode.SERVICE_UNAVAILABLE, "the database is unavailable");
            batch.forEach(done -> done.completeExceptionally(unavailable));
        }
    }

    @Override
    public void close() {
        closed = true;
        waiting.add(STOP);
        try {
            flusher.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static SessionLocal session(Connection connection) throws SQLException {
        return (SessionLocal) connection.unwrap(JdbcConnection.class).getSession();
    }
}
