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
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The caps on TCP connections open on the listener (the one public port, or the Socket.IO port): per client address,
 * and for the whole node. A connection beyond either is answered {@code 503 SERVICE_UNAVAILABLE} with
 * {@code Retry-After} in the API's error shape, before anything of it is read, and closed. Connections from loopback
 * are not counted per address (that is a proxy on this host, through which every client arrives), but they are
 * counted for the node: every connection holds heap (a socket about 6.6 KiB, a REST connection of the public port its Jetty
 * state too), and the node cap is what keeps them within the memory budget however clients arrive.
 */
@Sharable
final class ConnectionsPerAddress extends ChannelInboundHandlerAdapter {
    static final String NAME = "convroConnectionsPerAddress";
    static final String RETRY_AFTER_SECONDS = "2";
    private static final AttributeKey<InetAddress> COUNTED = AttributeKey.valueOf("convroCountedAddress");
    private static final AttributeKey<Boolean> COUNTED_ON_NODE = AttributeKey.valueOf("convroCountedOnNode");
    private static final byte[] REFUSAL = refusal("too many connections from this address");
    private static final byte[] NODE_REFUSAL = refusal("this node holds as many connections as it can");

    private final int cap;
    private final int nodeCap;
    private final boolean countLoopback;
    private final ConcurrentMap<InetAddress, Integer> open = new ConcurrentHashMap<>();
    private final AtomicInteger openOnNode = new AtomicInteger();

    /**
     * @param cap     connections per client address, {@code 0} for none
     * @param nodeCap connections on the node, {@code 0} for none
     * @param countLoopback count loopback peers per address too (only tests, which connect from loopback)
     */
    ConnectionsPerAddress(int cap, int nodeCap, boolean countLoopback) {
        this.cap = cap;
        this.nodeCap = nodeCap;
        this.countLoopback = countLoopback;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        if (nodeCap > 0) {
            ctx.channel().attr(COUNTED_ON_NODE).set(Boolean.TRUE);
            if (openOnNode.incrementAndGet() > nodeCap) {
                refuse(ctx, NODE_REFUSAL);
                return;
            }
        }
        InetAddress address = ctx.channel().remoteAddress() instanceof InetSocketAddress peer ? peer.getAddress() : null;
        if (cap == 0 || address == null || (address.isLoopbackAddress() && !countLoopback)) {
            ctx.fireChannelActive();
            return;
        }
        ctx.channel().attr(COUNTED).set(address);
        if (open.merge(address, 1, Integer::sum) > cap) {
            refuse(ctx, REFUSAL);
            return;
        }
        ctx.fireChannelActive();
    }

    private static void refuse(ChannelHandlerContext ctx, byte[] answer) {
        // written at the head of the pipeline: the bytes of a complete HTTP answer, then the connection closes
        ctx.channel().config().setAutoRead(false);
        ctx.writeAndFlush(Unpooled.wrappedBuffer(answer)).addListener(ChannelFutureListener.CLOSE);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (ctx.channel().attr(COUNTED_ON_NODE).getAndSet(null) != null) {
            openOnNode.decrementAndGet();
        }
        InetAddress address = ctx.channel().attr(COUNTED).getAndSet(null);
        if (address != null) {
            open.computeIfPresent(address, (key, count) -> count <= 1 ? null : count - 1);
        }
        ctx.fireChannelInactive();
    }

    /** Connections counted on the node (tests). */
    int openOnNode() {
        return openOnNode.get();
    }

    /** Connections counted for {@code address} (tests). */
    int openFrom(InetAddress address) {
        return open.getOrDefault(address, 0);
    }

    private static byte[] refusal(String message) {
        String body = "{\"error\":\"SERVICE_UNAVAILABLE\",\"message\":\"" + message + "\"}";
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
