package io.convro.bootstrap.blackbox;

import io.convro.adapter.persistence.DatabaseSettings;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Base64;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/** The DM flow against the jar's default: embedded H2 in a fresh data folder, JWT secret generated there. */
class H2DmFlowTest extends DmFlowSuite {
    private Path dataDir;

    @Override
    protected Map<String, String> prepare() throws Exception {
        dataDir = Files.createTempDirectory("convro-bb-h2");
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

    @Override
    protected void cleanUp() throws Exception {
        if (dataDir != null) {
            try (Stream<Path> files = Files.walk(dataDir)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }
}
