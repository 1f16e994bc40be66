package io.convro.bootstrap.realtime;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A database {@code convro_rt_<random>} created for one test class on the server of {@code CONVRO_TEST_MYSQL_URL}
 * (whose database path, if any, is replaced) and dropped afterwards; the nodes migrate it themselves on start.
 */
final class ScratchDatabase implements AutoCloseable {
    private static final String PREFIX = "jdbc:mysql://";
    private final String serverUrl;
    private final String url;
    private final String name;

    private ScratchDatabase(String serverUrl, String url, String name) {
        this.serverUrl = serverUrl;
        this.url = url;
        this.name = name;
    }

    static ScratchDatabase create(String testUrl) {
        if (!testUrl.startsWith(PREFIX)) {
            throw new IllegalArgumentException("CONVRO_TEST_MYSQL_URL must start with " + PREFIX);
        }
        int question = testUrl.indexOf('?');
        String query = question < 0 ? "" : testUrl.substring(question);
        String beforeQuery = question < 0 ? testUrl : testUrl.substring(0, question);
        int slash = beforeQuery.indexOf('/', PREFIX.length());
        String base = slash < 0 ? beforeQuery : beforeQuery.substring(0, slash);
        String name = "convro_rt_" + Long.toHexString(new SecureRandom().nextLong() & Long.MAX_VALUE);
        ScratchDatabase database = new ScratchDatabase(base + "/" + query, base + "/" + name + query, name);
        database.execute("CREATE DATABASE " + name + " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
        return database;
    }

    /** The JDBC URL of the scratch database, credentials included as given. */
    String url() {
        return url;
    }

    @Override
    public void close() {
        execute("DROP DATABASE IF EXISTS " + name);
    }

    private void execute(String sql) {
        try (Connection connection = DriverManager.getConnection(serverUrl); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot run '" + sql + "' on the test MySQL server", e);
        }
    }
}
