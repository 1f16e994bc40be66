package io.convro.bootstrap.realtime;

import java.util.Map;

/** Redis goes away under a node on the embedded H2 database. */
class H2RedisOutageIT extends RedisOutageSuite {
    @Override
    protected Map<String, String> database() {
        return Map.of();
    }

    @Override
    protected void cleanUp() {
        // the data folder is the suite's
    }
}
