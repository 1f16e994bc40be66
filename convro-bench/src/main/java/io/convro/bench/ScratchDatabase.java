package io.convro.bench;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** A database {@code convro_bench_<random>} on the MariaDB/MySQL server, dropped at the end. */
final class ScratchDatabase implements AutoCloseable {
    private final String host;
    private final String user;
    private final String password;
    private final String name;

    ScratchDatabase(String host, String user, String password) {
        this.host = host;
        this.user = user;
        this.password = password;
        this.name = "convro_bench_" + Long.toHexString(new SecureRandom().nextLong() & Long.MAX_VALUE);
        execute("CREATE DATABASE " + name + " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
    }

    String jdbcUrl() {
        return "jdbc:mysql://" + host + "/" + name;
    }

    /** Messages stored with a clientMessageId of the phase (see send.lua). */
    long storedIn(String phase) {
        try (Connection connection = connect(name);
             PreparedStatement count = connection.prepareStatement(
                     "SELECT COUNT(*) FROM dm_messages WHERE client_message_id LIKE ?")) {
            count.setString(1, phase + "-%");
            try (ResultSet rows = count.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot count the stored messages", e);
        }
    }

    @Override
    public void close() {
        execute("DROP DATABASE IF EXISTS " + name);
    }

    private void execute(String sql) {
        try (Connection connection = connect(""); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot run '" + sql + "' on " + host + ": " + e.getMessage(), e);
        }
    }

    private Connection connect(String database) throws SQLException {
        return DriverManager.getConnection("jdbc:mysql://" + host + "/" + database, user, password);
    }
}
