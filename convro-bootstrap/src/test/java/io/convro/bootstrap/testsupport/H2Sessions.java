package io.convro.bootstrap.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Collections;
import java.util.HashSet;
import java.util.Set;

/**
 * The sessions a server holds on its embedded H2 database, seen from another connection in the same JVM: to wait
 * until the pool has replaced every connection it had, the one that created the schema among them.
 */
public final class H2Sessions {
    private H2Sessions() {
    }

    /** Wait (at most {@code atMost}) until none of the sessions open now, other than {@code observer}'s, is left. */
    public static void awaitAllReplaced(Connection observer, Duration atMost) throws SQLException {
        Set<Long> now = others(observer);
        assertThat(now).as("the server has sessions open").isNotEmpty();
        await().atMost(atMost).pollInterval(Duration.ofSeconds(1)).until(() -> Collections.disjoint(others(observer), now));
    }

    private static Set<Long> others(Connection observer) throws SQLException {
        Set<Long> ids = new HashSet<>();
        try (Statement statement = observer.createStatement();
             ResultSet rows = statement.executeQuery("SELECT session_id FROM information_schema.sessions WHERE session_id <> SESSION_ID()")) {
            while (rows.next()) {
                ids.add(rows.getLong(1));
            }
        }
        return ids;
    }
}
