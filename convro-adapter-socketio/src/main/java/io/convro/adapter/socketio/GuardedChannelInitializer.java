package io.convro.adapter.socketio;

import com.corundumstudio.socketio.Configuration;
import com.corundumstudio.socketio.SocketIOChannelInitializer;
import com.corundumstudio.socketio.handler.ClientHead;
import com.corundumstudio.socketio.listener.ExceptionListener;
import com.corundumstudio.socketio.namespace.NamespacesHub;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;

/**
 * Puts {@link ConnectPayloadNormalizer} and the {@link AdmissionGate} in front of whatever pipeline the deployment
 * uses (netty-socketio's default, or a custom one such as the one public port of convro-edge), so no custom pipeline can skip the
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

    private final UnhandledFailures unhandled;

    /** @param failures where a failure no handler took is handled (netty would log it with its message, URI and all) */
    GuardedChannelInitializer(SocketIOChannelInitializer wrapped, AdmissionGate gate, ConnectionsPerAddress connections,
                              ExceptionListener failures) {
        this.wrapped = wrapped;
        this.gate = gate;
        this.connections = connections;
        this.unhandled = new UnhandledFailures(failures);
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
        channel.pipeline().addLast(SessionCookie.NAME, new AtTheEnd(sessionCookie, unhandled));
    }

    /**
     * The last handler: a failure that went past every handler (netty-socketio's AuthorizeHandler throws on a query
     * that does not decode, and nothing after it takes the failure) goes to the exception listener, instead of
     * netty's tail, which logs it at WARN with its message (the URI, a token included) and leaves the connection open.
     */
    @ChannelHandler.Sharable
    private static final class UnhandledFailures extends ChannelInboundHandlerAdapter {
        static final String NAME = "convroUnhandledFailures";
        private final ExceptionListener failures;

        UnhandledFailures(ExceptionListener failures) {
            this.failures = failures;
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) throws Exception {
            if (!failures.exceptionCaught(ctx, cause)) {
                ctx.channel().close();
            }
        }
    }

    /**
     * Puts the cookie and failure handlers at the very end of the pipeline once the wrapped initializer has built its part (on
     * {@code channelRegistered}, which reaches this only after that), then steps out.
     */
    private static final class AtTheEnd extends ChannelInboundHandlerAdapter {
        private final ChannelHandler cookie;
        private final ChannelHandler failures;

        AtTheEnd(ChannelHandler cookie, ChannelHandler failures) {
            this.cookie = cookie;
            this.failures = failures;
        }

        @Override
        public void channelRegistered(ChannelHandlerContext ctx) {
            ChannelPipeline pipeline = ctx.pipeline();
            pipeline.remove(this);
            pipeline.addLast(SessionCookie.NAME, cookie);
            pipeline.addLast(UnhandledFailures.NAME, failures);
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
