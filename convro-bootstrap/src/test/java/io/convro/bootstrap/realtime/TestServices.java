package io.convro.bootstrap.realtime;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The external things the integration tests need (MariaDB, Redis, node, nginx). Outside CI a missing one
 * skips the test; with {@code CI=true} it fails it, so a CI machine cannot pass by silently testing less.
 */
final class TestServices {
    private TestServices() {
    }

    static boolean ci() {
        return "true".equalsIgnoreCase(System.getenv("CI"));
    }

    /** {@code CONVRO_TEST_MYSQL_URL}, e.g. {@code jdbc:mysql://127.0.0.1:3306/convro_test?user=root&password=}. */
    static String mysqlUrl() {
        return required("CONVRO_TEST_MYSQL_URL", "jdbc:mysql://127.0.0.1:3306/convro_test?user=root&password=");
    }

    /** {@code CONVRO_TEST_REDIS_URL}, e.g. {@code redis://127.0.0.1:6379}. */
    static String redisUrl() {
        return required("CONVRO_TEST_REDIS_URL", "redis://127.0.0.1:6379");
    }

    /** The first of {@code candidates} that is an executable file. */
    static Path executable(String what, String... candidates) {
        for (String candidate : candidates) {
            Path path = Path.of(candidate);
            if (Files.isExecutable(path)) {
                return path;
            }
        }
        unavailable(what + " is not installed (looked at " + String.join(", ", candidates) + ")");
        throw new AssertionError("unreachable");
    }

    private static String required(String variable, String example) {
        String value = System.getenv(variable);
        if (value == null || value.isBlank()) {
            unavailable(variable + " is not set (e.g. " + example + ")");
        }
        return value.trim();
    }

    static void unavailable(String why) {
        if (ci()) {
            fail(why + ": required when CI=true");
        }
        assumeTrue(false, why + ": test skipped");
    }
}
