package io.convro.adapter.socketio.relay;

import com.corundumstudio.socketio.Configuration;
import com.corundumstudio.socketio.SocketIOChannelInitializer;
import com.corundumstudio.socketio.namespace.NamespacesHub;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.ssl.SslHandler;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;

/**
 * Makes netty-socketio's listener the one public port of a node: requests under the Socket.IO context
 * ({@code /socket.io/…}, websocket upgrade and long-polling) go to netty-socketio as usual, every other
 * request is relayed to the REST backend (Jetty under Javalin) listening on an internal address.
 *
 * <p>Use: {@code server.setPipelineFactory(new RelayingChannelInitializer(new InetSocketAddress("127.0.0.1", 18080)))}
 * before {@code server.start()}.
 *
 * <h2>Design</h2>
 * Two handlers join netty-socketio's pipeline:
 * <pre>
 *   httpDecoder → <b>convroRestRelay</b> → httpAggregator → httpEncoder → <b>convroSocketIoResponseTap</b> → [httpCompression] → socket.io handlers…
 * </pre>
 * <ul>
 *   <li>The relay sits <em>before</em> netty-socketio's {@code HttpObjectAggregator}, so the aggregator only ever
 *       sees Socket.IO requests; a REST request goes on once its body is all there (gathered within bounds).
 *       Each client connection gets its own keep-alive HTTP/1.1 link to the backend, opened lazily on the
 *       same event loop; reading on either side pauses while the other side is not writable.</li>
 *   <li>The relay writes REST responses through the tap's context, i.e. straight into netty-socketio's
 *       HTTP encoder, bypassing its compressor (which only tracks the requests it saw).</li>
 *   <li>Requests on one connection are served one at a time, in order, whichever side answers them; the
 *       tap reports when a Socket.IO response is complete and keeps the connection open although
 *       netty-socketio closes it after every polling response, so REST and polling mix on one
 *       keep-alive connection. After a websocket upgrade (101) both handlers leave the pipeline.</li>
 *   <li>The backend unreachable or failing before its response started: {@code 503
 *       {"error":"SERVICE_UNAVAILABLE",…}}; after it started: the client connection is closed.</li>
 * </ul>
 * Realtime traffic pays no extra hop; REST pays one loopback hop (see {@code docs/single-port.md}).
 */
public class RelayingChannelInitializer extends SocketIOChannelInitializer {

    /** Pipeline name of the routing handler, right after netty-socketio's HTTP decoder. */
    public static final String RELAY_HANDLER = "convroRestRelay";
    /** Pipeline name of the response tap, right after netty-socketio's HTTP encoder. */
    public static final String RESPONSE_TAP = "convroSocketIoResponseTap";

    private final RelaySettings settings;
    private volatile String socketIoContext = "/socket.io";
    private volatile Duration firstDataTimeout = Duration.ofSeconds(5);

    /** Relays to {@code backend} with the defaults of {@link RelaySettings#of}. */
    public RelayingChannelInitializer(InetSocketAddress backend) {
        this(RelaySettings.of(backend));
    }

    public RelayingChannelInitializer(RelaySettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /** The settings this initializer relays with. */
    public RelaySettings settings() {
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
        boolean tls = pipeline.get(SslHandler.class) != null;
        RelayHandler relay = new RelayHandler(settings, socketIoContext, firstDataTimeout, tls);
        pipeline.addAfter(HTTP_REQUEST_DECODER, RELAY_HANDLER, relay);
        pipeline.addAfter(HTTP_ENCODER, RESPONSE_TAP, new SocketIoResponseTap(relay));
    }
}
