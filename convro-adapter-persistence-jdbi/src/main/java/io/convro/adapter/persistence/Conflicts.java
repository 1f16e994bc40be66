package io.convro.adapter.persistence;

import java.sql.SQLException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The one place where a unique-constraint violation becomes a domain conflict. The database decides
 * (so concurrent twins cannot both pass a check-then-insert); this maps the violated constraint's name
 * to the code the port promises ({@code USERNAME_TAKEN}, {@code SESSION_ID_EXISTS}, …).
 */
public final class Conflicts {
    private static final int MYSQL_DUPLICATE_KEY = 1062;
    private static final String H2_DUPLICATE_KEY = "23505";

    private Conflicts() {
    }

    /**
     * Run {@code write}; if it violates a unique constraint named (as a prefix) in {@code byConstraint},
     * throw that entry's exception instead. Any other failure propagates unchanged.
     */
    public static <T> T translate(Supplier<T> write, Map<String, Supplier<? extends RuntimeException>> byConstraint) {
        try {
            return write.get();
        } catch (RuntimeException e) {
            Optional<String> violated = violatedUniqueConstraint(e);
            if (violated.isPresent()) {
                for (Map.Entry<String, Supplier<? extends RuntimeException>> entry : byConstraint.entrySet()) {
                    if (violated.get().startsWith(entry.getKey())) {
                        throw entry.getValue().get();
                    }
                }
            }
            throw e;
        }
    }

    /** The lowercase name of the unique constraint (or its index) that {@code failure} violated, if any. */
    public static Optional<String> violatedUniqueConstraint(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql) {
                for (SQLException next = sql; next != null; next = next.getNextException()) {
                    Optional<String> name = constraintName(next);
                    if (name.isPresent()) {
                        return name;
                    }
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<String> constraintName(SQLException e) {
        String message = e.getMessage() == null ? "" : e.getMessage();
        if ("23000".equals(e.getSQLState()) && e.getErrorCode() == MYSQL_DUPLICATE_KEY) {
            // MySQL: "Duplicate entry 'x' for key 'users.uq_users_username'"; MariaDB: "... for key 'uq_users_username'".
            // Read the key after the last marker: the duplicate value itself may contain anything.
            int at = message.lastIndexOf("for key '");
            if (at >= 0) {
                String key = message.substring(at + "for key '".length());
                key = key.endsWith("'") ? key.substring(0, key.length() - 1) : key;
                return Optional.of(afterDot(key));
            }
        }
        if (H2_DUPLICATE_KEY.equals(e.getSQLState())) {
            // H2: 'Unique index or primary key violation: "PUBLIC.UQ_USERS_USERNAME_INDEX_4 ON PUBLIC.USERS(...) VALUES ..."'
            int start = message.indexOf('"');
            int end = start < 0 ? -1 : message.indexOf(" ON ", start);
            if (start >= 0 && end > start) {
                return Optional.of(afterDot(message.substring(start + 1, end)));
            }
        }
        return Optional.empty();
    }

    private static String afterDot(String qualified) {
        return qualified.substring(qualified.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
    }
}
