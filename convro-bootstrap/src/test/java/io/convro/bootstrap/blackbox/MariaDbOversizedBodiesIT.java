package io.convro.bootstrap.blackbox;

import io.convro.bootstrap.testsupport.ScratchDatabase;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The body limits on MariaDB/MySQL: one scratch database per server. */
class MariaDbOversizedBodiesIT extends OversizedBodiesSuite {
    private final List<ScratchDatabase> scratches = new ArrayList<>();

    @Override
    protected Map<String, String> database(String name) {
        ScratchDatabase scratch = ScratchDatabase.create("big" + name);
        scratches.add(scratch);
        return Map.of("CONVRO_DB_URL", scratch.url(), "CONVRO_JWT_SECRET", ClientKeys.hex(64));
    }

    @Override
    protected void cleanUp() throws Exception {
        for (ScratchDatabase scratch : scratches) {
            scratch.close();
        }
    }
}
