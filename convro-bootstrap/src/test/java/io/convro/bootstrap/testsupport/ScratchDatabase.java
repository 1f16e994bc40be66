package io.convro.bootstrap.testsupport;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Assumptions;

/**
 * An empty database {@code convro_<prefix>_<random>} on the MySQL/MariaDB server named by
 * {@code CONVRO_TEST_MYSQL_URL} (e.g. {@code jdbc:mysql://127.0.0.1:3306/convro_test?user=root&password=}; its
 * path is replaced), dropped by {@link #close()}. Servers under test migrate it themselves on start.
 */
public final class ScratchDatabase implements AutoCloseable {
    public static final String URL_VARIABLE = "CONVRO_TEST_MYSQL_URL";
    private static final String PREFIX = "jdbc:mysql://";
    private final String serverUrl;
    private final String url;
    private final String name;

    private ScratchDatabase(String serverUrl, String url, String name) {
        this.serverUrl = serverUrl;
        this.url = url;
        this.name = name;
    }

    /** The server of {@code CONVRO_TEST_MYSQL_URL}; unset: the caller is skipped, or failed when {@code CI=true}. */
    public static String testServerUrl() {
        String given = System.getenv(URL_VARIABLE);
        if (given == null || given.isBlank()) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new IllegalStateException(URL_VARIABLE + " must be set in CI");
            }
            Assumptions.abort(URL_VARIABLE + " is not set: MariaDB tests skipped");
        }
        return given.trim();
    }

    /** A scratch database on the server of {@code CONVRO_TEST_MYSQL_URL}. */
    public static ScratchDatabase create(String prefix) {
        return create(testServerUrl(), prefix);
    }

    public static ScratchDatabase create(String testUrl, String prefix) {
        if (!testUrl.startsWith(PREFIX)) {
            throw new IllegalArgumentException(URL_VARIABLE + " must start with " + PREFIX);
        }
        int question = testUrl.indexOf('?');
        String query = question < 0 ? "" : testUrl.substring(question);
        String beforeQuery = question < 0 ? testUrl : testUrl.substring(0, question);
        int slash = beforeQuery.indexOf('/', PREFIX.length());
        String base = slash < 0 ? beforeQuery : beforeQuery.substring(0, slash);
        String name = "convro_" + prefix + "_" + Long.toHexString(new SecureRandom().nextLong() & Long.MAX_VALUE);
        ScratchDatabase database = new ScratchDatabase(base + "/" + query, base + "/" + name + query, name);
        database.execute("CREATE DATABASE " + name + " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
        return database;
    }

    /** The JDBC URL of the scratch database, credentials included as given. */
    public String url() {
        return url;
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(url);
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
