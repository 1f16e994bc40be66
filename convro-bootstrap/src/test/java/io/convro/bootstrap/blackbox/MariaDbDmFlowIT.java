package io.convro.bootstrap.blackbox;

import io.convro.bootstrap.testsupport.ScratchDatabase;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;

/** The DM flow against MariaDB/MySQL, as a multi-node deployment runs: shared database, explicit JWT secret. */
class MariaDbDmFlowIT extends DmFlowSuite {
    private ScratchDatabase scratch;
    private final String secret = ClientKeys.hex(64);

    @Override
    protected Map<String, String> prepare() throws Exception {
        scratch = ScratchDatabase.create("bb");
        return Map.of("CONVRO_DB_URL", scratch.url(), "CONVRO_JWT_SECRET", secret);
    }

    @Override
    protected byte[] jwtSecret() {
        return secret.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    protected Connection database() throws SQLException {
        return scratch.connect();
    }

    @Override
    protected void cleanUp() throws Exception {
        if (scratch != null) {
            scratch.close();
        }
    }
}
