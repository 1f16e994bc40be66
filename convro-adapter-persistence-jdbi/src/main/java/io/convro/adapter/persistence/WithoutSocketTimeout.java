package io.convro.adapter.persistence;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * The pool's connections without the socket timeout of requests ({@link Database#SOCKET_TIMEOUT}), for the
 * migrations: a schema change may rewrite a large table for minutes, and a read timeout in the middle of it would
 * fail the start. HikariCP puts the connection's own timeout back when it returns to the pool.
 */
final class WithoutSocketTimeout implements DataSource {
    private final DataSource pool;

    private WithoutSocketTimeout(DataSource pool) {
        this.pool = pool;
    }

    static DataSource of(DataSource pool) {
        return new WithoutSocketTimeout(pool);
    }

    @Override
    public Connection getConnection() throws SQLException {
        return unbounded(pool.getConnection());
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return unbounded(pool.getConnection(username, password));
    }

    private static Connection unbounded(Connection connection) throws SQLException {
        try {
            connection.setNetworkTimeout(Runnable::run, 0);
        } catch (SQLFeatureNotSupportedException noSocket) {
            // an embedded database has no socket to time out
        } catch (SQLException | RuntimeException failed) {
            connection.close();
            throw failed;
        }
        return connection;
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return pool.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        pool.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        pool.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return pool.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return pool.getParentLogger();
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        return pool.unwrap(type);
    }

    @Override
    public boolean isWrapperFor(Class<?> type) throws SQLException {
        return pool.isWrapperFor(type);
    }
}
