package io.convro.bootstrap.blackbox;

import io.convro.bootstrap.testsupport.H2Sessions;
import java.sql.Connection;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;

/**
 * The DM flow on a fresh embedded database whose pool has already replaced every connection of the start, the
 * one that created the schema among them (HikariCP's shortest lifetime, 30 s): the state the embedded default is in
 * half an hour after a first start, when H2 2.4.240 refused every write.
 */
class H2ShortPoolLifetimeDmFlowTest extends H2DmFlowTest {
    @Override
    protected Map<String, String> prepare() throws Exception {
        Map<String, String> env = new HashMap<>(super.prepare());
        env.put("CONVRO_DB_POOL_MAX_LIFETIME", "30");
        env.put("CONVRO_DB_POOL_IDLE_TIMEOUT", "10");
        return env;
    }

    @BeforeAll
    void waitUntilThePoolHasReplacedItsFirstConnections() throws Exception {
        try (Connection observer = database()) {
            H2Sessions.awaitAllReplaced(observer, Duration.ofSeconds(60));
        }
    }
}
