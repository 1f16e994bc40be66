package io.convro.adapter.socketio;

import com.corundumstudio.socketio.Configuration;
import com.corundumstudio.socketio.SocketIOChannelInitializer;
import com.corundumstudio.socketio.handler.ClientHead;
import com.corundumstudio.socketio.namespace.NamespacesHub;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;

/**
 * Puts {@link ConnectPayloadNormalizer} and the {@link AdmissionGate} in front of whatever pipeline the deployment
 * uses (netty-socketio's default, or a custom one such as the single-port relay), so no custom pipeline can skip the
 * token check or make it wait on an event loop.
 * The wrapped initializer keeps its own state and lifecycle; this one only delegates to it.
 *
 * <p>The wrapped initializer is added to the channel as a handler: netty-socketio initializers build their
 * pipeline on {@code channelRegistered}, which netty fires again through the pipeline right after this
 * initializer has run, so the wrapped pipeline is complete before the first byte is read.
 */
final class GuardedChannelInitializer extends SocketIOChannelInitializer {
    private static final String WRAPPED = "convroWrappedInitializer";
    private final SocketIOChannelInitializer wrapped;
    private final ConnectPayloadNormalizer normalizer = new ConnectPayloadNormalizer();
    private final SessionCookie sessionCookie = new SessionCookie();
    private final AdmissionGate gate;
    private final ConnectionsPerAddress connections;

    GuardedChannelInitializer(SocketIOChannelInitializer wrapped, AdmissionGate gate, ConnectionsPerAddress connections) {
        this.wrapped = wrapped;
        this.gate = gate;
        this.connections = connections;
    }

    SocketIOChannelInitializer wrapped() {
        return wrapped;
    }

    @Override
    public void start(Configuration configuration, NamespacesHub namespacesHub) {
        wrapped.start(configuration, namespacesHub);
    }

    @Override
    protected void initChannel(Channel channel) {
        channel.pipeline().addLast(ConnectionsPerAddress.NAME, connections);
        channel.pipeline().addLast(ConnectPayloadNormalizer.NAME, normalizer);
        channel.pipeline().addLast(AdmissionGate.NAME, gate);
        channel.pipeline().addLast(WRAPPED, wrapped);
        channel.pipeline().addLast(SessionCookie.NAME, new AtTheEnd(sessionCookie));
    }

    /**
     * Puts {@code handler} at the very end of the pipeline once the wrapped initializer has built its part (on
     * {@code channelRegistered}, which reaches this only after that), then steps out.
     */
    private static final class AtTheEnd extends ChannelInboundHandlerAdapter {
        private final ChannelHandler handler;

        AtTheEnd(ChannelHandler handler) {
            this.handler = handler;
        }

        @Override
        public void channelRegistered(ChannelHandlerContext ctx) {
            ChannelPipeline pipeline = ctx.pipeline();
            pipeline.remove(this);
            pipeline.addLast(SessionCookie.NAME, handler);
            ctx.fireChannelRegistered();
        }
    }

    @Override
    public void onDisconnect(ClientHead client) {
        wrapped.onDisconnect(client);
    }

    @Override
    public void stop() {
        wrapped.stop();
        UnusedInitializers.release(this);
    }
}
