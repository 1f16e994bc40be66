package io.convro.adapter.persistence;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.sql.SQLTransientException;
import java.util.function.Predicate;

/**
 * How a database failure is told apart ({@link DatabaseFailures#translate} acts on it): by the JDBC exception classes
 * and SQLState classes anywhere in its causes.
 */
final class Unavailable {
    private static final String QUERY_INTERRUPTED = "70100";
    private static final int MYSQL_DEADLOCK = 1213;

    private Unavailable() {
    }

    /** The database cannot be reached: a connection exception class, or SQLState class 08. */
    static boolean isConnectionFailure(Throwable failure) {
        return anyCause(failure, cause -> cause instanceof SQLTransientConnectionException
                || cause instanceof SQLNonTransientConnectionException || hasState(cause, "08"));
    }

    /**
     * Worth a retry later: a timeout, a deadlock or another transaction rollback (SQLState class 40), or a statement
     * cancelled by its query timeout, which Connector/J reports on MariaDB as SQLState 70100 ("query execution was
     * interrupted", a non-transient class) rather than as a {@link java.sql.SQLTimeoutException}.
     */
    static boolean isTransient(Throwable failure) {
        return anyCause(failure, cause -> cause instanceof SQLTransientException || hasState(cause, "40")
                || hasState(cause, QUERY_INTERRUPTED));
    }

    /**
     * The database rolled the transaction back to break a deadlock: SQLState 40001 (serialization failure; H2 and
     * Connector/J for InnoDB's error 1213) or MariaDB's error 1213 under another state. Running it again is the
     * documented answer.
     */
    static boolean isDeadlock(Throwable failure) {
        return anyCause(failure, cause -> cause instanceof SQLException sql
                && ("40001".equals(sql.getSQLState()) || sql.getErrorCode() == MYSQL_DEADLOCK));
    }

    /** The database refused the data itself (SQLState class 23): a conflict the repositories translate, not a failure. */
    static boolean isIntegrityViolation(Throwable failure) {
        return anyCause(failure, cause -> hasState(cause, "23"));
    }

    /** Any error the database (or its driver) raised. */
    static boolean isDatabaseError(Throwable failure) {
        return anyCause(failure, cause -> cause instanceof SQLException);
    }

    private static boolean hasState(Throwable cause, String stateClass) {
        return cause instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith(stateClass);
    }

    private static boolean anyCause(Throwable failure, Predicate<Throwable> test) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (test.test(cause)) {
                return true;
            }
            if (cause == cause.getCause()) {
                break;
            }
        }
        return false;
    }
}
