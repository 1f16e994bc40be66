package io.convro.adapter.persistence;

import io.convro.domain.DomainException;
import io.convro.domain.ErrorCode;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The database failures requests met, for the two who must hear of them: the operator, in the log, and the load
 * balancer, through {@code /health}. A ping alone does not tell: a database can answer {@code SELECT 1} while
 * every write fails (H2 2.4 refused every write for a constraint bound to a closed session, and health said "up").
 *
 * <p>A failure is logged with its cause in one line, at most once per {@link #LOG_INTERVAL}, with the number of
 * failures since the last line: an outage under load must not flood the log.
 */
final class DatabaseFailures {
    private static final Logger LOG = LoggerFactory.getLogger(DatabaseFailures.class);
    static final Duration LOG_INTERVAL = Duration.ofSeconds(30);
    private static final long NEVER = Long.MIN_VALUE;

    private final LongSupplier nanoTime;
    private final Consumer<String> warn;
    private final AtomicLong lastFailure = new AtomicLong(NEVER);
    private final AtomicLong lastWrite = new AtomicLong(NEVER);
    private final AtomicLong lastLogged = new AtomicLong(NEVER);
    private final AtomicLong unlogged = new AtomicLong();

    DatabaseFailures() {
        this(System::nanoTime, LOG::warn);
    }

    DatabaseFailures(LongSupplier nanoTime, Consumer<String> warn) {
        this.nanoTime = nanoTime;
        this.warn = warn;
    }

    /**
     * Run {@code work}. A database that cannot be reached, or a failure worth a retry (timeout, deadlock), becomes
     * {@code SERVICE_UNAVAILABLE} (503 on HTTP), so that a client can tell an outage from a bug. Every database error
     * but a refusal of the data (a unique key, a constraint: the repositories translate those into conflicts) is
     * recorded; the others propagate unchanged.
     */
    <T> T translate(Supplier<T> work) {
        try {
            return work.get();
        } catch (DomainException decided) {
            // a rejection, or a 503 already recorded where it was made
            throw decided;
        } catch (RuntimeException e) {
            if (Unavailable.isConnectionFailure(e) || Unavailable.isTransient(e)) {
                record(e);
                // the cause is in the log line record() wrote; the client learns only that it may retry
                throw new DomainException(ErrorCode.SERVICE_UNAVAILABLE, "the database is unavailable");
            }
            if (Unavailable.isDatabaseError(e) && !Unavailable.isIntegrityViolation(e)) {
                record(e);
            }
            throw e;
        }
    }

    /** A request could not be served because of the database (logged, at most once per {@link #LOG_INTERVAL}). */
    void record(Throwable failure) {
        long now = nanoTime.getAsLong();
        lastFailure.set(now);
        long logged = lastLogged.get();
        if (logged != NEVER && now - logged < LOG_INTERVAL.toNanos()) {
            unlogged.incrementAndGet();
            return;
        }
        if (lastLogged.compareAndSet(logged, now)) {
            long since = unlogged.getAndSet(0);
            warn.accept("the database failed a request: " + cause(failure)
                    + (since == 0 ? "" : " (" + since + " more failures since the last line)"));
        } else {
            unlogged.incrementAndGet();
        }
    }

    /** A write was committed (and made durable): the database serves writes again. */
    void recordWrite() {
        lastWrite.set(nanoTime.getAsLong());
    }

    /**
     * Whether a request met a database failure within the last {@code window} and no write has been committed
     * since: reads alone do not clear it, since a database can serve reads and pings while every write fails.
     */
    boolean failedWithin(Duration window) {
        long last = lastFailure.get();
        long write = lastWrite.get();
        return last != NEVER && nanoTime.getAsLong() - last < window.toNanos() && (write == NEVER || last - write > 0);
    }

    /** The innermost SQL error (or the failure itself), one line: its statement text and values are left out. */
    static String cause(Throwable failure) {
        Throwable shown = failure;
        for (Throwable cause = failure; cause != null && cause != cause.getCause(); cause = cause.getCause()) {
            if (cause instanceof SQLException) {
                shown = cause;
            }
        }
        String message = String.valueOf(shown.getMessage());
        int end = message.indexOf('\n');
        if (end >= 0) {
            message = message.substring(0, end);
        }
        int statement = message.indexOf("; SQL statement:");
        if (statement >= 0) {
            message = message.substring(0, statement);
        }
        String state = shown instanceof SQLException sql && sql.getSQLState() != null ? " [SQLState " + sql.getSQLState() + "]" : "";
        return shown.getClass().getSimpleName() + ": " + (message.length() > 300 ? message.substring(0, 300) + "…" : message) + state;
    }
}
