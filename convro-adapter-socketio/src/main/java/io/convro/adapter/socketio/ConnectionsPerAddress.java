package io.convro.adapter.socketio;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.AttributeKey;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The cap on TCP connections one client address holds open on the listener (the one public port, or the Socket.IO
 * port). A connection beyond it is answered {@code 503 SERVICE_UNAVAILABLE} with {@code Retry-After} in the API's
 * error shape, before anything of it is read, and closed. Connections from loopback are not counted: that is a proxy
 * on this host, through which every client arrives.
 */
@Sharable
final class ConnectionsPerAddress extends ChannelInboundHandlerAdapter {
    static final String NAME = "convroConnectionsPerAddress";
    static final String RETRY_AFTER_SECONDS = "2";
    private static final AttributeKey<InetAddress> COUNTED = AttributeKey.valueOf("convroCountedAddress");
    private static final byte[] REFUSAL = refusal();

    private final int cap;
    private final boolean countLoopback;
    private final ConcurrentMap<InetAddress, Integer> open = new ConcurrentHashMap<>();

    /** @param cap {@code 0} for none; {@code countLoopback} only for tests, which connect from loopback */
    ConnectionsPerAddress(int cap, boolean countLoopback) {
        this.cap = cap;
        this.countLoopback = countLoopback;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        InetAddress address = ctx.channel().remoteAddress() instanceof InetSocketAddress peer ? peer.getAddress() : null;
        if (cap == 0 || address == null || (address.isLoopbackAddress() && !countLoopback)) {
            ctx.fireChannelActive();
            return;
        }
        ctx.channel().attr(COUNTED).set(address);
        if (open.merge(address, 1, Integer::sum) > cap) {
            // written at the head of the pipeline: the bytes of a complete HTTP answer, then the connection closes
            ctx.channel().config().setAutoRead(false);
            ctx.writeAndFlush(Unpooled.wrappedBuffer(REFUSAL)).addListener(ChannelFutureListener.CLOSE);
            return;
        }
        ctx.fireChannelActive();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        InetAddress address = ctx.channel().attr(COUNTED).getAndSet(null);
        if (address != null) {
            open.computeIfPresent(address, (key, count) -> count <= 1 ? null : count - 1);
        }
        ctx.fireChannelInactive();
    }

    /** Connections counted for {@code address} (tests). */
    int openFrom(InetAddress address) {
        return open.getOrDefault(address, 0);
    }

    private static byte[] refusal() {
        String body = "{\"error\":\"SERVICE_UNAVAILABLE\",\"message\":\"too many connections from this address\"}";
        String response = "HTTP/1.1 503 Service Unavailable\r\n"
                + "Content-Type: application/json\r\n"
                + "Content-Length: " + body.length() + "\r\n"
                + "Retry-After: " + RETRY_AFTER_SECONDS + "\r\n"
                + "X-Content-Type-Options: nosniff\r\n"
                + "X-Frame-Options: DENY\r\n"
                + "Referrer-Policy: no-referrer\r\n"
                + "Connection: close\r\n\r\n" + body;
        return response.getBytes(StandardCharsets.US_ASCII);
    }

}
