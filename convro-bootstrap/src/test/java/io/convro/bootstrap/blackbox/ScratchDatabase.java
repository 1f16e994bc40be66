package io.convro.bootstrap.blackbox;

import io.convro.adapter.persistence.DatabaseSettings;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Assumptions;

/**
 * An empty database {@code convro_bb_<random>} on the MySQL/MariaDB server named by {@code CONVRO_TEST_MYSQL_URL}
 * (e.g. {@code jdbc:mysql://127.0.0.1:3306/convro_test?user=root&password=}; its path is replaced), dropped by
 * {@link #close()}. Unset: the caller is skipped, unless {@code CI=true}, where it fails.
 */
final class ScratchDatabase implements AutoCloseable {
    static final String URL_VARIABLE = "CONVRO_TEST_MYSQL_URL";
    private static final String PREFIX = "jdbc:mysql://";
    private final String serverUrl;
    private final String url;
    private final String name;

    private ScratchDatabase(String serverUrl, String url, String name) {
        this.serverUrl = serverUrl;
        this.url = url;
        this.name = name;
    }

    static ScratchDatabase create() throws SQLException {
        String given = System.getenv(URL_VARIABLE);
        if (given == null || given.isBlank()) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new IllegalStateException(URL_VARIABLE + " must be set in CI");
            }
            Assumptions.abort(URL_VARIABLE + " is not set: MariaDB black-box tests skipped");
        }
        if (!given.startsWith(PREFIX)) {
            throw new IllegalArgumentException(URL_VARIABLE + " must start with " + PREFIX + ": " + DatabaseSettings.redact(given));
        }
        int q = given.indexOf('?');
        String query = q < 0 ? "" : given.substring(q);
        String beforeQuery = q < 0 ? given : given.substring(0, q);
        int slash = beforeQuery.indexOf('/', PREFIX.length());
        String base = slash < 0 ? beforeQuery : beforeQuery.substring(0, slash);
        String name = "convro_bb_" + Long.toHexString(new SecureRandom().nextLong() & Long.MAX_VALUE);
        ScratchDatabase scratch = new ScratchDatabase(base + "/" + query, base + "/" + name + query, name);
        scratch.execute("CREATE DATABASE " + name + " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
        return scratch;
    }

    /** The JDBC URL of the scratch database, credentials in its query as given. */
    String url() {
        return url;
    }

    Connection connect() throws SQLException {
        return DriverManager.getConnection(url);
    }

    @Override
    public void close() throws SQLException {
        execute("DROP DATABASE IF EXISTS " + name);
    }

    private void execute(String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(serverUrl); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
