package io.convro.adapter.persistence;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.sql.DataSource;

/**
 * The two SQL dialects Convro runs on. One schema text serves both; the few column options that differ
 * are Flyway placeholders, and a migration lives under {@code db/migration/<dialect>} only where the
 * statement itself differs.
 */
public enum Dialect {
    /** MySQL 8 and MariaDB 10.11 (any MySQL-wire database), InnoDB and utf8mb4. */
    MYSQL("db/migration/mysql", List.of("V2__number_sequence_key.sql", "V11__fanout_client_message_key.sql",
            "V12__dm_messages_foreign_key_indexes.sql"), "FORCE INDEX (%s)", Map.of(
            "ascii", "CHARACTER SET ascii COLLATE ascii_bin",
            "text_bin", "CHARACTER SET utf8mb4 COLLATE utf8mb4_bin",
            "blob", "MEDIUMBLOB",
            "table_options", "ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci")),
    /** Embedded H2 in MySQL mode; strings are case-sensitive there already. */
    H2("db/migration/h2", List.of("V2__number_sequence_key.sql", "V11__fanout_client_message_key.sql",
            "V12__dm_messages_foreign_key_indexes.sql"), "USE INDEX (%s)", Map.of(
            "ascii", "",
            "text_bin", "",
            "blob", "VARBINARY(65536)",
            "table_options", ""));

    private static final String COMMON_LOCATION = "db/migration/common";
    private static final List<String> COMMON_SCRIPTS = List.of("V1__schema.sql", "V3__retention_indexes.sql", "V10__groups.sql");

    private final String ownLocation;
    private final List<String> ownScripts;
    private final String indexHint;
    private final Map<String, String> placeholders;

    Dialect(String ownLocation, List<String> ownScripts, String indexHint, Map<String, String> placeholders) {
        this.ownLocation = ownLocation;
        this.ownScripts = ownScripts;
        this.indexHint = indexHint;
        this.placeholders = placeholders;
    }

    /** The dialect of a JDBC URL; anything but H2 and MySQL/MariaDB is refused with one clear line. */
    public static Dialect ofUrl(String jdbcUrl) {
        String url = jdbcUrl == null ? "" : jdbcUrl.toLowerCase(Locale.ROOT);
        if (url.startsWith("jdbc:h2:")) {
            return H2;
        }
        if (url.startsWith("jdbc:mysql:") || url.startsWith("jdbc:mariadb:")) {
            return MYSQL;
        }
        throw new IllegalArgumentException("unsupported database URL (expected jdbc:h2:… or jdbc:mysql://…): "
                + DatabaseSettings.redact(jdbcUrl));
    }

    /** Flyway locations: the common migrations plus this dialect's own. */
    public String[] migrationLocations() {
        return new String[] {"classpath:" + COMMON_LOCATION, "classpath:" + ownLocation};
    }

    /**
     * Every migration script, by class-path folder (the locations above): a new script must be named here too
     * ({@code MigrationScriptsTest} fails until it is).
     */
    public Map<String, List<String>> migrationScripts() {
        return Map.of(COMMON_LOCATION, COMMON_SCRIPTS, ownLocation, ownScripts);
    }

    /**
     * The words after a table name that make a query read {@code index}. MariaDB's FORCE INDEX, not USE INDEX: only
     * when a table scan is priced out does its range optimizer always offer the range on the index, and only then
     * does the planner prefer that range to ref access on the index's first column (which pages from the wrong end).
     * H2 has no FORCE INDEX; its USE INDEX is enough there.
     */
    public String forceIndex(String index) {
        return String.format(indexHint, index);
    }

    public Map<String, String> placeholders() {
        return placeholders;
    }

    /** What a commit on this database still needs before it is acknowledged (see {@link CommitDurability}). */
    CommitDurability durability(DataSource dataSource, DatabaseFailures failures) {
        return this == H2 ? H2StoreFlush.of(dataSource, failures) : CommitDurability.AT_COMMIT;
    }
}
