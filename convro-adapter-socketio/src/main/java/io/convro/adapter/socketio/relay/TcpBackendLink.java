package io.convro.adapter.socketio.relay;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ReflectiveChannelFactory;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.ReferenceCountUtil;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;

/**
 * A {@link BackendLink} over TCP: the client connection's own keep-alive HTTP/1.1 connection to the backend,
 * opened lazily on the client's event loop, reused request after request, closed when it is idle, out of step
 * or no longer wanted. What is sent while it connects waits in a backlog, kept small because the client's
 * reading pauses.
 */
final class TcpBackendLink implements BackendLink {

    private static final int BACKEND_MAX_INITIAL_LINE = 4096;
    private static final int BACKEND_MAX_HEADER_SIZE = 16384;
    private static final int BACKEND_MAX_CHUNK_SIZE = 8192;

    private final RelaySettings settings;
    private final RelayHandler relay;
    private final BackendExchanges exchanges;
    private final ArrayDeque<HttpObject> backlog = new ArrayDeque<>();
    private Channel backend;
    private boolean backendConnecting;

    TcpBackendLink(RelaySettings settings, RelayHandler relay, BackendExchanges exchanges) {
        this.settings = settings;
        this.relay = relay;
        this.exchanges = exchanges;
    }

    @Override
    public boolean owns(Object link) {
        return link == backend;
    }

    @Override
    public boolean isConnecting() {
        return backendConnecting;
    }

    @Override
    public boolean isFull() {
        return backend != null && !backend.isWritable();
    }

    @Override
    public void send(HttpObject msg) {
        if (backend != null && !backendConnecting && backend.isActive()) {
            backend.write(msg);
            if (msg instanceof LastHttpContent) {
                backend.flush();
            }
            relay.updateReading();
            return;
        }
        backlog.add(msg);
        if (!backendConnecting) {
            connect();
        }
    }

    @Override
    public void flush() {
        if (backend != null && !backendConnecting) {
            backend.flush();
        }
    }

    @Override
    public void pauseReading() {
        if (backend != null) {
            backend.config().setAutoRead(false);
        }
    }

    @Override
    public void resumeReading() {
        if (backend != null) {
            backend.config().setAutoRead(true);
        }
    }

    private void connect() {
        close();
        backendConnecting = true;
        relay.updateReading();
        Channel client = relay.context().channel();
        Bootstrap bootstrap = new Bootstrap()
                .group(client.eventLoop())
                // The accepted channel's class (NIO or epoll) also works as a client on this event loop.
                .channelFactory(new ReflectiveChannelFactory<>(client.getClass()))
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) settings.connectTimeout().toMillis())
                .option(ChannelOption.TCP_NODELAY, true)
                .handler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ch.pipeline().addLast(
                                new HttpClientCodec(BACKEND_MAX_INITIAL_LINE, BACKEND_MAX_HEADER_SIZE,
                                        BACKEND_MAX_CHUNK_SIZE),
                                new IdleStateHandler(0, 0, settings.backendIdleTimeout().toMillis(),
                                        TimeUnit.MILLISECONDS),
                                new BackendHandler(exchanges));
                    }
                });
        ChannelFuture connect = bootstrap.connect(settings.backend());
        Channel link = connect.channel();
        backend = link;
        connect.addListener(f -> onConnected(link, f.isSuccess()));
    }

    private void onConnected(Channel link, boolean success) {
        if (link != backend) {
            link.close();
            return;
        }
        backendConnecting = false;
        if (relay.isClosing()) {
            close();
            discardBacklog();
            return;
        }
        if (!success) {
            backend = null;
            discardBacklog();
            exchanges.onUnreachable();
            return;
        }
        while (!backlog.isEmpty()) {
            link.write(backlog.poll());
        }
        link.flush();
        relay.updateReading();
    }

    @Override
    public boolean forget(Object link) {
        if (link != backend) {
            return false;
        }
        backend = null;
        backendConnecting = false;
        return true;
    }

    @Override
    public void close() {
        Channel link = backend;
        backend = null;
        backendConnecting = false;
        if (link != null) {
            link.close();
        }
    }

    @Override
    public void discardBacklog() {
        HttpObject msg;
        while ((msg = backlog.poll()) != null) {
            ReferenceCountUtil.release(msg);
        }
    }
}
