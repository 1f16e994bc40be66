package io.convro.adapter.persistence;

import io.convro.domain.DomainException;
import io.convro.domain.ErrorCode;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Where repositories get their JDBI handle: the one bound to the current thread by a running
 * transaction, so that they join it, or else a fresh one for just that call. A call that wrote returns only once
 * its commit is durable ({@link CommitDurability}): the caller may acknowledge it.
 */
public final class Handles {
    /** A flush takes milliseconds; this long means the store is stuck, and the write is not acknowledged. */
    static final Duration FLUSH_WAIT = Duration.ofSeconds(10);
    /** How often a transaction runs when the database keeps choosing it as a deadlock victim. */
    static final int DEADLOCK_ATTEMPTS = 4;

    private final Jdbi jdbi;
    private final CommitDurability durability;
    private final DatabaseFailures failures;
    private final ThreadLocal<Handle> bound = new ThreadLocal<>();

    Handles(Jdbi jdbi, CommitDurability durability, DatabaseFailures failures) {
        this.jdbi = jdbi;
        this.durability = durability;
        this.failures = failures;
    }

    /** Run {@code work} on the transaction's handle, or on a handle of its own outside a transaction. */
    public <R> R withHandle(Function<Handle, R> work) {
        Handle current = bound.get();
        if (current != null) {
            return work.apply(current);
        }
        if (durability != CommitDurability.AT_COMMIT) {
            // a transaction of its own, so that whether it wrote is known before its commit (and then waited for)
            return inTransaction(() -> work.apply(bound.get()));
        }
        return failures.translate(() -> jdbi.withHandle(work::apply));
    }

    /**
     * Run {@code work} on a handle of its own, never the current transaction's: each statement commits by itself.
     * For writes that are their own atomic step (the send path's inserts). It does not wait for the commits to be
     * durable: the caller acknowledges them once {@link #flushed()} completes.
     */
    public <R> R withOwnHandle(Function<Handle, R> work) {
        return failures.translate(() -> {
            try (Handle handle = jdbi.open()) {
                R result = work.apply(handle);
                failures.recordWrite();
                return result;
            }
        });
    }

    /** Run {@code work} with an on-demand SqlObject DAO attached to the current handle. */
    public <D, R> R withDao(Class<D> dao, Function<D, R> work) {
        return withHandle(handle -> work.apply(handle.attach(dao)));
    }

    /**
     * Run {@code work} all-or-nothing; inside a running transaction it simply joins it. A transaction the database
     * chose as a deadlock victim (InnoDB rolls it back whole) runs again, at most {@link #DEADLOCK_ATTEMPTS} times:
     * a deadlock is an outcome of concurrent row locks, not an outage, so it is not reported as one.
     */
    public <R> R inTransaction(Supplier<R> work) {
        if (bound.get() != null) {
            return work.get();
        }
        return failures.translate(() -> {
            for (int attempt = 1; ; attempt++) {
                try {
                    return inOwnTransaction(work);
                } catch (RuntimeException e) {
                    if (attempt >= DEADLOCK_ATTEMPTS || !Unavailable.isDeadlock(e)) {
                        throw e;
                    }
                    pauseBeforeRetry(attempt);
                }
            }
        });
    }

    private static void pauseBeforeRetry(int attempt) {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(1, 5L * attempt + 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DomainException(ErrorCode.SERVICE_UNAVAILABLE, "interrupted before a transaction ran again");
        }
    }

    private <R> R inOwnTransaction(Supplier<R> work) {
        boolean[] wrote = {false};
        R result = jdbi.inTransaction(handle -> {
            bound.set(handle);
            try {
                R value = work.get();
                wrote[0] = durability.hasUncommittedChanges(handle.getConnection());
                return value;
            } finally {
                bound.remove();
            }
        });
        if (wrote[0]) {
            awaitDurable();
        }
        if (wrote[0] || durability == CommitDurability.AT_COMMIT) {
            // on MySQL whether it wrote is not known: a transaction is a use case's write
            failures.recordWrite();
        }
        return result;
    }

    /** Completes once every commit made before this call is durable (see {@link CommitDurability#flushed()}). */
    public CompletionStage<Void> flushed() {
        return durability.flushed();
    }

    private void awaitDurable() {
        try {
            durability.flushed().toCompletableFuture().get(FLUSH_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException failed) {
            if (failed.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(failed.getCause());
        } catch (TimeoutException stuck) {
            failures.record(stuck);
            throw new DomainException(ErrorCode.SERVICE_UNAVAILABLE, "the database did not store the write in time");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DomainException(ErrorCode.SERVICE_UNAVAILABLE, "interrupted while the database stored the write");
        }
    }

    /** Whether the current thread runs inside a transaction. */
    public boolean inTransaction() {
        return bound.get() != null;
    }
}
