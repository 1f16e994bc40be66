package io.convro.bootstrap.blackbox;

import io.convro.bootstrap.testsupport.ScratchDatabase;
import java.util.Map;

/** §9's flow against MariaDB/MySQL, as a multi-node deployment runs: shared database, explicit JWT secret. */
class MariaDbFanoutFlowIT extends FanoutFlowSuite {
    private ScratchDatabase scratch;

    @Override
    protected Map<String, String> prepare() throws Exception {
        scratch = ScratchDatabase.create("bbfan");
        return Map.of("CONVRO_DB_URL", scratch.url(), "CONVRO_JWT_SECRET", ClientKeys.hex(64));
    }

    @Override
    protected void cleanUp() throws Exception {
        if (scratch != null) {
            scratch.close();
        }
    }
}
