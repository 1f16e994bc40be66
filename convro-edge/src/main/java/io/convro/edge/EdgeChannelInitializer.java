package io.convro.edge;

import com.corundumstudio.socketio.Configuration;
import com.corundumstudio.socketio.SocketIOChannelInitializer;
import com.corundumstudio.socketio.namespace.NamespacesHub;
import io.netty.channel.ChannelPipeline;
import java.time.Duration;
import java.util.Objects;

/**
 * Makes netty-socketio's listener the one public port of a node: requests under the Socket.IO context
 * ({@code /socket.io/…}, websocket upgrade and long-polling) go to netty-socketio as usual, every other request is
 * parsed once here, gathered, and answered by the {@link RestApi} (the HTTP adapter's chain, bound by the
 * bootstrap). No second HTTP server, no relay: one parse, one pipeline.
 *
 * <p>Two handlers join netty-socketio's pipeline:
 * <pre>
 *   httpDecoder → <b>convroPublicConnection</b> → httpAggregator → httpEncoder → <b>convroSocketIoResponseTap</b> → [httpCompression] → socket.io handlers…
 * </pre>
 * <ul>
 *   <li>The connection handler sits <em>before</em> netty-socketio's {@code HttpObjectAggregator}, so the aggregator
 *       only ever sees Socket.IO requests; a REST request's body is gathered by the handler within its bounds.</li>
 *   <li>REST answers are written through the tap's context, i.e. straight into netty-socketio's HTTP encoder,
 *       bypassing its compressor (which only tracks the requests it saw).</li>
 *   <li>Requests on one connection are served one at a time, in order, whichever side answers them; the tap
 *       reports when a Socket.IO response is complete and keeps the connection open although netty-socketio closes
 *       it after every polling response, so REST and polling mix on one keep-alive connection. After a websocket
 *       upgrade (101) both handlers leave the pipeline.</li>
 * </ul>
 * Use: give it to the realtime server as its pipeline, before the server starts.
 */
public class EdgeChannelInitializer extends SocketIOChannelInitializer {

    /** Pipeline name of the connection handler, right after netty-socketio's HTTP decoder. */
    public static final String CONNECTION_HANDLER = "convroPublicConnection";
    /** Pipeline name of the response tap, right after netty-socketio's HTTP encoder. */
    public static final String RESPONSE_TAP = "convroSocketIoResponseTap";

    private final EdgeSettings settings;
    private volatile String socketIoContext = "/socket.io";
    private volatile Duration firstDataTimeout = Duration.ofSeconds(5);

    public EdgeChannelInitializer(EdgeSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    public EdgeSettings settings() {
        return settings;
    }

    @Override
    public void start(Configuration configuration, NamespacesHub namespacesHub) {
        super.start(configuration, namespacesHub);
        socketIoContext = configuration.getContext();
        firstDataTimeout = Duration.ofMillis(Math.max(1, configuration.getFirstDataTimeout()));
    }

    @Override
    protected void addSocketioHandlers(ChannelPipeline pipeline) {
        super.addSocketioHandlers(pipeline);
        PublicConnection connection = new PublicConnection(settings, socketIoContext, firstDataTimeout);
        pipeline.addAfter(HTTP_REQUEST_DECODER, CONNECTION_HANDLER, connection);
        pipeline.addAfter(HTTP_ENCODER, RESPONSE_TAP, new SocketIoResponseTap(connection));
    }
}
