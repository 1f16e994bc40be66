package io.convro.bootstrap.realtime;

import io.convro.bootstrap.testsupport.ScratchDatabase;
import java.util.Map;

/** Redis goes away under a node on MariaDB/MySQL, as a multi-node deployment runs. */
class MariaDbRedisOutageIT extends RedisOutageSuite {
    private ScratchDatabase scratch;

    @Override
    protected Map<String, String> database() {
        scratch = ScratchDatabase.create("redisout");
        return Map.of("CONVRO_DB_URL", scratch.url());
    }

    @Override
    protected void cleanUp() throws Exception {
        if (scratch != null) {
            scratch.close();
        }
    }
}
