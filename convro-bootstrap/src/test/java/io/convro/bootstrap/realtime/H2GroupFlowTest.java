package io.convro.bootstrap.realtime;

import java.util.Map;

/** Groups and channels on embedded H2, REST and Socket.IO on one public port (REST relayed to Javalin). */
class H2GroupFlowTest extends GroupFlowSuite {
    @Override
    protected Map<String, String> prepare() {
        return Map.of();
    }

    @Override
    protected void cleanUp() {
    }
}
