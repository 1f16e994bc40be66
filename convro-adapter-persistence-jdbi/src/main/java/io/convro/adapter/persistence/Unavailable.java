package io.convro.adapter.persistence;

import io.convro.domain.DomainException;
import io.convro.domain.ErrorCode;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.function.Supplier;

/**
 * The one place where "the database cannot be reached" becomes {@code SERVICE_UNAVAILABLE} (503 on HTTP),
 * so a client can tell an outage from a bug. Connection failures are recognised by their JDBC class or
 * SQLState class 08 (connection exception); every other failure propagates unchanged.
 */
final class Unavailable {
    private Unavailable() {
    }

    static <T> T translate(Supplier<T> work) {
        try {
            return work.get();
        } catch (RuntimeException e) {
            if (isConnectionFailure(e)) {
                throw new DomainException(ErrorCode.SERVICE_UNAVAILABLE, "the database is unavailable");
            }
            throw e;
        }
    }

    static boolean isConnectionFailure(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLTransientConnectionException || cause instanceof SQLNonTransientConnectionException) {
                return true;
            }
            if (cause instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("08")) {
                return true;
            }
            if (cause == cause.getCause()) {
                break;
            }
        }
        return false;
    }
}
