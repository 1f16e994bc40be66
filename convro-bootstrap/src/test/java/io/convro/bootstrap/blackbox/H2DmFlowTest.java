package io.convro.bootstrap.blackbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.convro.adapter.persistence.DatabaseSettings;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Base64;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/** The DM flow against the jar's default: embedded H2 in a fresh data folder, JWT secret generated there. */
class H2DmFlowTest extends DmFlowSuite {
    private Path dataDir;

    @Override
    protected Map<String, String> prepare() throws Exception {
        // a folder the server makes itself (a temporary directory would be owner-only already)
        dataDir = Files.createTempDirectory("convro-bb-h2").resolve("data");
        return Map.of("CONVRO_DATA_DIR", dataDir.toString());
    }

    @Override
    protected byte[] jwtSecret() {
        try {
            return Base64.getDecoder().decode(Files.readString(dataDir.resolve("jwt-secret"), StandardCharsets.US_ASCII).trim());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Override
    protected Connection database() throws SQLException {
        // the same JVM: H2 hands out another connection to the database the server has open
        return DriverManager.getConnection(DatabaseSettings.embeddedUrl(dataDir), "sa", "");
    }

    /** Password hashes, ciphertext and the JWT secret: nobody but the server's user may read them, ever. */
    @Test
    @Order(3)
    void theDataFolderAndItsFilesAreTheOwnersOnly() throws java.io.IOException {
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir))).isEqualTo("rwx------");
        for (String file : new String[] {"convro.mv.db", "jwt-secret"}) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir.resolve(file)))).as(file)
                    .isEqualTo("rw-------");
        }
        try (Stream<Path> files = Files.list(dataDir)) {
            assertThat(files.map(path -> path.getFileName().toString())).as("no trace file with statements in it")
                    .doesNotContain("convro.trace.db");
        }
    }

    @Override
    protected void cleanUp() throws Exception {
        if (dataDir != null) {
            try (Stream<Path> files = Files.walk(dataDir.getParent())) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }
}
