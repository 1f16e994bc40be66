package io.convro.adapter.persistence;

import com.zaxxer.hikari.HikariConfig;
import io.micrometer.core.instrument.MeterRegistry;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.SqlStatements;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The database of one Convro node: a HikariCP pool tuned to ride out a database restart, Flyway
 * migrations, a cheap health ping and the repositories. Usage:
 * {@code try (Database db = Database.connect(settings)) { db.migrate(); var repos = db.repositories(); … }}
 */
public final class Database implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Database.class);
    /** A request waits at most this long for a connection; a dead database answers 503 quickly, not after 30 s. */
    static final Duration CONNECTION_TIMEOUT = Duration.ofSeconds(3);
    static final Duration VALIDATION_TIMEOUT = Duration.ofSeconds(1);
    /** Idle connections are pinged this often, so a restarted server or a proxy cut is noticed before use. */
    static final Duration KEEPALIVE = Duration.ofMinutes(2);
    /** A request that met a database failure this recently makes health say the database is down. */
    static final Duration FAILURES_SHOWN_FOR = Duration.ofSeconds(10);
    /**
     * A statement that runs longer is cancelled ({@code SERVICE_UNAVAILABLE}): every statement of a request is a few
     * milliseconds, so one that takes seconds waits for a lock or a database in trouble, and would hold its thread.
     */
    static final Duration QUERY_TIMEOUT = Duration.ofSeconds(4);
    /**
     * MySQL/MariaDB: a read from the server's socket that gets nothing for this long fails the connection. The query
     * timeout cannot end a statement when the server does not answer at all (stopped, or the network cut): before
     * this, requests hung for a whole 20 s outage. Longer than the query timeout, so a merely slow statement is
     * cancelled and its connection kept. Migrations run without it.
     */
    static final Duration SOCKET_TIMEOUT = Duration.ofSeconds(6);

    private final HikariDataSource dataSource;
    private final Dialect dialect;
    private final Jdbi jdbi;
    private final JdbiRepositories repositories;
    private final CommitDurability durability;
    private final DatabaseFailures failures = new DatabaseFailures();
    private String description;
    /** Two pings at most (one may still be stuck on a dead database while the next asks); a third is "down". */
    private final ExecutorService pinger = new ThreadPoolExecutor(0, 2, 30, TimeUnit.SECONDS, new SynchronousQueue<>(),
            runnable -> {
                Thread thread = new Thread(runnable, "convro-db-ping");
                thread.setDaemon(true);
                return thread;
            });

    private Database(HikariDataSource dataSource, Dialect dialect) {
        this.dataSource = dataSource;
        this.dialect = dialect;
        this.durability = dialect.durability(dataSource, failures);
        this.jdbi = Jdbi.create(dataSource).installPlugin(new SqlObjectPlugin());
        jdbi.getConfig(SqlStatements.class).setQueryTimeout((int) QUERY_TIMEOUT.toSeconds());
        // the index hints of the history and unread queries, in this dialect's words (see MessageDao)
        jdbi.define("sessionIndex", dialect.forceIndex("ix_dm_messages_session"));
        jdbi.define("unreadIndex", dialect.forceIndex("ix_dm_messages_unread"));
        this.repositories = new JdbiRepositories(jdbi, durability, failures);
    }

    /**
     * Open the pool and one first connection. A database that cannot be reached within the connection
     * timeout fails here with one clear line (an {@link IllegalStateException}), not at the first request.
     */
    public static Database connect(DatabaseSettings settings) {
        Dialect dialect = Dialect.ofUrl(settings.url());
        HikariConfig config = new HikariConfig();
        config.setPoolName("convro-db");
        config.setJdbcUrl(settings.url());
        if (settings.user() != null) {
            config.setUsername(settings.user());
        }
        if (settings.password() != null) {
            config.setPassword(settings.password());
        }
        config.setMaximumPoolSize(settings.maxPoolSize());
        config.setMinimumIdle(Math.min(2, settings.maxPoolSize()));
        config.setConnectionTimeout(CONNECTION_TIMEOUT.toMillis());
        config.setValidationTimeout(VALIDATION_TIMEOUT.toMillis());
        // a connection retired sooner than the keepalive interval needs no keepalive (HikariCP would warn)
        config.setKeepaliveTime(settings.maxLifetime().compareTo(KEEPALIVE) > 0 ? KEEPALIVE.toMillis() : 0);
        config.setMaxLifetime(settings.maxLifetime().toMillis());
        config.setIdleTimeout(settings.idleTimeout().toMillis());
        config.setInitializationFailTimeout(CONNECTION_TIMEOUT.toMillis());
        // READ COMMITTED on every engine: H2's default, and on InnoDB it drops the gap locks of REPEATABLE READ
        // that deadlock concurrent one-time-prekey claims (a claim moves the row inside the index range that
        // a waiting claimer has gap-locked). Every write that must not race is a row lock or a UNIQUE anyway.
        config.setTransactionIsolation("TRANSACTION_READ_COMMITTED");
        if (dialect == Dialect.MYSQL) {
            // the driver's own socket connect must give up before the pool's timeout does
            config.addDataSourceProperty("connectTimeout", String.valueOf(CONNECTION_TIMEOUT.toMillis()));
            config.addDataSourceProperty("socketTimeout", String.valueOf(SOCKET_TIMEOUT.toMillis()));
            config.addDataSourceProperty("tcpKeepAlive", "true");
            // statements prepared once per connection on the server: bound values travel in binary (no escaping of
            // ciphertext into SQL text) and the server does not parse the send path's INSERT again each time
            config.addDataSourceProperty("useServerPrepStmts", "true");
            config.addDataSourceProperty("cachePrepStmts", "true");
            config.addDataSourceProperty("prepStmtCacheSize", "256");
            // the send path's multi-row INSERT of 64 rows is about 20 KB of SQL: cached like any other statement
            config.addDataSourceProperty("prepStmtCacheSqlLimit", "65536");
            // a batch of INSERTs goes out as one multi-row INSERT (the send path's group commit)
            config.addDataSourceProperty("rewriteBatchedStatements", "true");
            // answer autocommit/isolation/read-only questions locally instead of asking the server each time
            config.addDataSourceProperty("useLocalSessionState", "true");
            config.addDataSourceProperty("cacheServerConfiguration", "true");
            config.addDataSourceProperty("cacheResultSetMetadata", "true");
            config.addDataSourceProperty("maintainTimeStats", "false");
            config.addDataSourceProperty("characterEncoding", "UTF-8");
            // times are BIGINT epoch millis, so no zone can shift them; UTC anyway for ad-hoc SQL
            config.addDataSourceProperty("connectionTimeZone", "UTC");
        }
        try {
            return new Database(new HikariDataSource(config), dialect);
        } catch (HikariPool.PoolInitializationException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new IllegalStateException("cannot connect to the database at " + DatabaseSettings.redact(settings.url())
                    + ": " + cause.getMessage(), e);
        }
    }

    /** Bring the schema up to date (Flyway); a failed or unknown migration stops startup. */
    public MigrateResult migrate() {
        MigrateResult result = Flyway.configure()
                // a migration may rewrite a large table: minutes, not the socket timeout of requests
                .dataSource(WithoutSocketTimeout.of(dataSource))
                .locations(dialect.migrationLocations())
                // the scripts are named, not searched for in the jar (see MigrationScripts); no Java migrations
                .resourceProvider(MigrationScripts.of(dialect))
                .javaMigrationClassProvider(List::of)
                .placeholders(dialect.placeholders())
                .validateMigrationNaming(true)
                .baselineOnMigrate(false)
                .cleanDisabled(true)
                .load()
                .migrate();
        LOG.info("database schema at version {} ({} migrations applied)",
                result.targetSchemaVersion != null ? result.targetSchemaVersion : result.initialSchemaVersion,
                result.migrationsExecuted);
        return result;
    }

    /**
     * Whether the database serves requests: for the health check. False when a request met a database failure
     * within the last {@link #FAILURES_SHOWN_FOR} (a database can answer a ping while every write fails), or when
     * it does not answer within {@code timeout} (never hangs: getting a connection alone may wait the full
     * connection timeout).
     */
    public boolean ping(Duration timeout) {
        if (failures.failedWithin(FAILURES_SHOWN_FOR)) {
            return false;
        }
        Future<Boolean> answer;
        try {
            answer = pinger.submit(() -> {
                try (Connection connection = dataSource.getConnection()) {
                    return connection.isValid((int) Math.max(1, timeout.toSeconds()));
                }
            });
        } catch (RejectedExecutionException closed) {
            return false;
        }
        try {
            return answer.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            answer.cancel(true);
            return false;
        } catch (InterruptedException e) {
            answer.cancel(true);
            Thread.currentThread().interrupt();
            return false;
        }
    }

    public Dialect dialect() {
        return dialect;
    }

    public DataSource dataSource() {
        return dataSource;
    }

    public Jdbi jdbi() {
        return jdbi;
    }

    /**
     * Meter the pool (HikariCP's own Micrometer binder: {@code hikaricp.connections.*} with {@code pool=convro-db})
     * and the send path's group commit. Once per database.
     */
    public void bindTo(MeterRegistry registry) {
        dataSource.setMetricRegistry(registry);
        repositories.bindTo(registry);
    }

    /**
     * Which database this is, for people (the status page): its product and major.minor version, e.g.
     * {@code MariaDB 10.11}, {@code MySQL 8.0} or {@code H2 2.5 (embedded)}; never its address. Asks the database once.
     */
    public synchronized String description() {
        if (description == null) {
            try (Connection connection = dataSource.getConnection()) {
                description = describe(connection.getMetaData().getDatabaseProductName(),
                        connection.getMetaData().getDatabaseProductVersion());
            } catch (SQLException | RuntimeException e) {
                // asked once only: a status page must not wait for a connection on a database that is down
                description = dialect == Dialect.H2 ? "H2 (embedded)" : "MySQL/MariaDB";
            }
        }
        return description;
    }

    static String describe(String product, String version) {
        Matcher mariaDb = Pattern.compile("(?:^|-)(\\d+\\.\\d+)\\.\\d+-MariaDB").matcher(version);
        if (mariaDb.find()) {
            return "MariaDB " + mariaDb.group(1);
        }
        Matcher majorMinor = Pattern.compile("^(\\d+\\.\\d+)").matcher(version);
        String name = product + (majorMinor.find() ? " " + majorMinor.group(1) : "");
        return product.equals("H2") ? name + " (embedded)" : name;
    }

    /** Every persistence out-port, with its shared transaction boundary. */
    public JdbiRepositories repositories() {
        return repositories;
    }

    /** Finish queued writes, make them durable, close the database (H2: {@code SHUTDOWN}), then the pool. */
    @Override
    public void close() {
        repositories.close();
        durability.close();
        pinger.shutdownNow();
        if (dialect == Dialect.H2) {
            shutDownEmbedded();
        }
        dataSource.close();
    }

    /**
     * The embedded database stays open between connections (DB_CLOSE_DELAY=-1) until it is shut down here. Closing
     * the connection afterwards fails (SHUTDOWN closed it under the pool): that is the shutdown's success, not an error.
     */
    private void shutDownEmbedded() {
        Connection connection;
        try {
            connection = dataSource.getConnection();
        } catch (SQLException | RuntimeException e) {
            LOG.warn("the embedded database did not shut down cleanly: {}", e.toString());
            return;
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute("SHUTDOWN");
        } catch (SQLException | RuntimeException e) {
            LOG.warn("the embedded database did not shut down cleanly: {}", e.toString());
        } finally {
            try {
                connection.close();
            } catch (SQLException closedByShutdown) {
                // the pool retires it
            }
        }
    }
}
