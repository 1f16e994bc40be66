package io.convro.bootstrap.realtime;

import io.convro.bootstrap.testsupport.ScratchDatabase;
import java.util.Map;

/** Groups and channels on MariaDB (CONVRO_TEST_MYSQL_URL; skipped without it). */
class MariaDbGroupFlowIT extends GroupFlowSuite {
    private ScratchDatabase scratch;

    @Override
    protected Map<String, String> prepare() {
        scratch = ScratchDatabase.create("bbgrp");
        return Map.of("CONVRO_DB_URL", scratch.url());
    }

    @Override
    protected void cleanUp() throws Exception {
        if (scratch != null) {
            scratch.close();
        }
    }
}
