package io.convro.bootstrap.realtime;

import java.util.Map;

/** Groups and channels on embedded H2, REST on Javalin's port and Socket.IO on a port of its own. */
class H2TwoPortGroupFlowTest extends GroupFlowSuite {
    @Override
    protected Map<String, String> prepare() {
        return Map.of("CONVRO_SOCKETIO_PORT", "0");
    }

    @Override
    protected void cleanUp() {
    }
}
