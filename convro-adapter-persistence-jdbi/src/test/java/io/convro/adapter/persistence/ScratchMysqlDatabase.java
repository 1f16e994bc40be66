package io.convro.adapter.persistence;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.Assumptions;

/**
 * A fresh MySQL/MariaDB database {@code convro_it_<random>} for one test class, dropped afterwards, on
 * the server named by {@code CONVRO_TEST_MYSQL_URL}: a JDBC URL of the server, with or without a database
 * path, e.g. {@code jdbc:mysql://127.0.0.1:3306/?user=root&password=} (the path, if any, is replaced by the
 * scratch database). Unset: the test is skipped, unless {@code CI=true}, where it fails.
 */
public final class ScratchMysqlDatabase implements AutoCloseable {
    public static final String URL_VARIABLE = "CONVRO_TEST_MYSQL_URL";
    private static final String PREFIX = "jdbc:mysql://";

    private final String serverUrl;
    private final String name;
    private final Database database;

    private ScratchMysqlDatabase(String serverUrl, String name, Database database) {
        this.serverUrl = serverUrl;
        this.name = name;
        this.database = database;
    }

    /** Create the scratch database, connect to it and run the migrations. */
    public static ScratchMysqlDatabase create() {
        String url = System.getenv(URL_VARIABLE);
        if (url == null || url.isBlank()) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new IllegalStateException(URL_VARIABLE + " must be set in CI (e.g. jdbc:mysql://127.0.0.1:3306/?user=root&password=)");
            }
            Assumptions.abort(URL_VARIABLE + " is not set: MySQL/MariaDB tests skipped");
        }
        if (!url.startsWith(PREFIX)) {
            throw new IllegalArgumentException(URL_VARIABLE + " must start with " + PREFIX + ": " + DatabaseSettings.redact(url));
        }
        int query = url.indexOf('?');
        String query0 = query < 0 ? "" : url.substring(query);
        String beforeQuery = query < 0 ? url : url.substring(0, query);
        int slash = beforeQuery.indexOf('/', PREFIX.length());
        String base = slash < 0 ? beforeQuery : beforeQuery.substring(0, slash);
        String serverUrl = base + "/" + query0;
        String name = "convro_it_" + Long.toHexString(new SecureRandom().nextLong() & Long.MAX_VALUE);
        execute(serverUrl, "CREATE DATABASE " + name + " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
        try {
            Database database = Database.connect(new DatabaseSettings(base + "/" + name + query0, null, null, 40,
                    DatabaseSettings.DEFAULT_MAX_LIFETIME));
            database.migrate();
            return new ScratchMysqlDatabase(serverUrl, name, database);
        } catch (RuntimeException e) {
            execute(serverUrl, "DROP DATABASE IF EXISTS " + name);
            throw e;
        }
    }

    public Database database() {
        return database;
    }

    public String name() {
        return name;
    }

    @Override
    public void close() {
        database.close();
        execute(serverUrl, "DROP DATABASE IF EXISTS " + name);
    }

    private static void execute(String serverUrl, String sql) {
        DriverManager.setLoginTimeout((int) Duration.ofSeconds(5).toSeconds());
        try (Connection connection = DriverManager.getConnection(serverUrl); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot run '" + sql + "' on " + DatabaseSettings.redact(serverUrl), e);
        }
    }
}
