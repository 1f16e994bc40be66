package io.convro.adapter.persistence;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How to reach the database and size the pool.
 *
 * @param url          a JDBC URL: {@code jdbc:mysql://host:3306/convro} or {@code jdbc:h2:file:…}
 * @param user         may be {@code null} (then the URL carries it, or H2's default)
 * @param password     may be {@code null}
 * @param maxPoolSize  the most connections the pool opens
 * @param maxLifetime  how long one connection is kept; must stay below the server's {@code wait_timeout}
 *                     (HikariCP's least is 30 s)
 * @param idleTimeout  how long a connection beyond the pool's minimum may sit idle before it is closed
 *                     (HikariCP's least is 10 s)
 */
public record DatabaseSettings(String url, String user, String password, int maxPoolSize, Duration maxLifetime,
                               Duration idleTimeout) {
    /** Below MySQL's and MariaDB's default {@code wait_timeout} (8 h) and most proxies' idle cut-offs. */
    public static final Duration DEFAULT_MAX_LIFETIME = Duration.ofMinutes(30);
    /** HikariCP's own default. */
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofMinutes(10);
    public static final Duration LEAST_MAX_LIFETIME = Duration.ofSeconds(30);
    public static final Duration LEAST_IDLE_TIMEOUT = Duration.ofSeconds(10);
    public static final int DEFAULT_POOL_SIZE = 10;
    private static final String EMBEDDED_NAME = "convro";
    /** The embedded database's file in the data folder (H2 accepts it empty, as a new database). */
    public static final String EMBEDDED_FILE = EMBEDDED_NAME + ".mv.db";

    public DatabaseSettings {
        Objects.requireNonNull(url, "url");
        if (maxPoolSize < 1) {
            throw new IllegalArgumentException("maxPoolSize must be at least 1");
        }
        Objects.requireNonNull(maxLifetime, "maxLifetime");
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        if (maxLifetime.compareTo(LEAST_MAX_LIFETIME) < 0) {
            throw new IllegalArgumentException("maxLifetime must be at least " + LEAST_MAX_LIFETIME.toSeconds() + " s");
        }
        if (idleTimeout.compareTo(LEAST_IDLE_TIMEOUT) < 0) {
            throw new IllegalArgumentException("idleTimeout must be at least " + LEAST_IDLE_TIMEOUT.toSeconds() + " s");
        }
    }

    /** The default idle timeout. */
    public DatabaseSettings(String url, String user, String password, int maxPoolSize, Duration maxLifetime) {
        this(url, user, password, maxPoolSize, maxLifetime, DEFAULT_IDLE_TIMEOUT);
    }

    /** A server database at {@code url} with the default pool. */
    public static DatabaseSettings of(String url, String user, String password) {
        return new DatabaseSettings(url, user, password, DEFAULT_POOL_SIZE, DEFAULT_MAX_LIFETIME);
    }

    /** The same database with a pool of at most {@code size} connections. */
    public DatabaseSettings withPoolSize(int size) {
        return new DatabaseSettings(url, user, password, size, maxLifetime, idleTimeout);
    }

    /** The same database with connections retired after {@code lifetime}, or after {@code idle} unused. */
    public DatabaseSettings withConnectionLifetime(Duration lifetime, Duration idle) {
        return new DatabaseSettings(url, user, password, maxPoolSize, lifetime, idle);
    }

    /** The embedded default: an H2 file database {@code convro} in {@code dataDir}, created on first start. */
    public static DatabaseSettings embedded(Path dataDir) {
        return of(embeddedUrl(dataDir), "sa", "");
    }

    /**
     * The H2 URL for {@code dataDir}. MySQL mode so the MySQL schema and SQL run unchanged; lowercase
     * identifiers as MySQL reports them. The database stays open while the pool replaces its connections (with
     * none open for a moment, H2 would close and reopen it) and neither a JVM shutdown hook nor the last
     * connection closes the file: {@code Database.close()} shuts it down. No trace file: H2 would write failed
     * statements, values included, next to the database; its errors reach Convro's log as exceptions.
     */
    public static String embeddedUrl(Path dataDir) {
        String dir = dataDir.toAbsolutePath().normalize().toString().replace('\\', '/');
        return "jdbc:h2:file:" + dir + "/" + EMBEDDED_NAME
                + ";MODE=MySQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_ON_EXIT=FALSE;DB_CLOSE_DELAY=-1;TRACE_LEVEL_FILE=0";
    }

    /** The URL with any {@code password=…} parameter blanked, for log lines and error messages. */
    public static String redact(String url) {
        return url == null ? "null" : url.replaceAll("(?i)(password=)[^&;]*", "$1***");
    }

    @Override
    public String toString() {
        return "DatabaseSettings[url=" + redact(url) + ", user=" + user + ", maxPoolSize=" + maxPoolSize
                + ", maxLifetime=" + maxLifetime + ", idleTimeout=" + idleTimeout + "]";
    }
}
