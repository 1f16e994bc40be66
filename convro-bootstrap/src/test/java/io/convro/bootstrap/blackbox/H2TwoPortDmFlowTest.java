package io.convro.bootstrap.blackbox;

import java.util.HashMap;
import java.util.Map;

/**
 * The DM flow with REST on Javalin's own port and Socket.IO on a port of its own (two-port mode): every REST answer
 * must be the one the single port gives.
 */
class H2TwoPortDmFlowTest extends H2DmFlowTest {
    @Override
    protected Map<String, String> prepare() throws Exception {
        Map<String, String> env = new HashMap<>(super.prepare());
        env.put("CONVRO_SOCKETIO_PORT", "0");
        return env;
    }
}
