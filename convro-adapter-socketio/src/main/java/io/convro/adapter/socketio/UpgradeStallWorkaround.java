package io.convro.adapter.socketio;

import com.corundumstudio.socketio.Transport;
import com.corundumstudio.socketio.handler.ClientHead;
import com.corundumstudio.socketio.messages.PacketsMessage;
import com.corundumstudio.socketio.protocol.Packet;
import com.corundumstudio.socketio.protocol.PacketType;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.AttributeKey;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Works around netty-socketio 2.0.13 stalling the websocket upgrade of a client that starts on HTTP long-polling,
 * which is what the official JavaScript client and the Java client do by default.
 *
 * <p>The engine.io v4 protocol (section "Upgrade") says the server MUST send a {@code noop} packet to any pending
 * poll so that the client can pause polling and send the {@code upgrade} packet. netty-socketio answers the
 * client's {@code 2probe} with {@code 3probe} on the websocket and queues exactly one {@code noop} for polling. The
 * two travel on different connections: when the {@code noop} reaches the client first (common once many clients
 * connect together), the client is not pausing yet, so it polls again; then {@code 3probe} arrives and the client
 * waits for that new poll to end before it upgrades. netty-socketio never answers it: the client's emits stay
 * buffered, the server drops the session silently when its upgrade timeout (10 s) passes, and the client only
 * notices at its ping timeout (45 s). Neither netty-socketio 2.0.14 nor its maintained fork socketio4j/netty-socketio
 * changed this, and no setting avoids it short of refusing the upgrade.
 *
 * <p>So, like the reference server (which checks every 100 ms), once a socket's probe has arrived this puts a
 * {@code noop} on its polling queue every {@value #TICK_MILLIS} ms whenever that queue is empty, until the socket
 * upgrades, disconnects, closes the probe websocket or its upgrade timeout passes: a poll made during the upgrade is
 * answered within that tick, and a {@code noop} left queued is harmless (it follows the queue to the websocket,
 * where the client ignores it). Transports fire their frames from the head of the pipeline, so this handler only
 * has to sit before netty-socketio's packet handler.
 */
@Sharable
final class UpgradeStallWorkaround extends ChannelInboundHandlerAdapter {
    static final String NAME = "convroUpgradeStallWorkaround";
    static final long TICK_MILLIS = 100;
    private static final AttributeKey<ScheduledFuture<?>> TICKS = AttributeKey.valueOf("convroUpgradeNoops");
    private static final byte[] PROBE = "2probe".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] UPGRADE = "5".getBytes(StandardCharsets.US_ASCII);

    private volatile long upgradeTimeoutMillis = 10_000;

    /** How long netty-socketio waits for an upgrade to complete; no noops are sent after that. */
    void upgradeTimeout(long millis) {
        this.upgradeTimeoutMillis = millis;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        if (!(msg instanceof PacketsMessage packets) || packets.getTransport() != Transport.WEBSOCKET) {
            ctx.fireChannelRead(msg);
            return;
        }
        ClientHead client = packets.getClient();
        boolean probe = is(packets.getContent(), PROBE);
        boolean upgrade = !probe && is(packets.getContent(), UPGRADE);
        ctx.fireChannelRead(msg);
        if (probe && client.getCurrentTransport() == Transport.POLLING) {
            startNoops(ctx.channel(), client);
        } else if (upgrade) {
            stopNoops(ctx.channel());
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        stopNoops(ctx.channel());
        super.channelInactive(ctx);
    }

    private void startNoops(Channel websocket, ClientHead client) {
        long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(upgradeTimeoutMillis);
        ScheduledFuture<?> ticks = websocket.eventLoop().scheduleAtFixedRate(() -> {
            if (client.getCurrentTransport() != Transport.POLLING || !client.isConnected() || !websocket.isActive()
                    || System.nanoTime() - until > 0) {
                stopNoops(websocket);
            } else if (client.getPacketsQueue(Transport.POLLING).isEmpty()) {
                client.send(new Packet(PacketType.NOOP, client.getEngineIOVersion()), Transport.POLLING);
            }
        }, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
        ScheduledFuture<?> previous = websocket.attr(TICKS).getAndSet(ticks);
        if (previous != null) {
            previous.cancel(false);
        }
    }

    private static void stopNoops(Channel websocket) {
        ScheduledFuture<?> ticks = websocket.attr(TICKS).getAndSet(null);
        if (ticks != null) {
            ticks.cancel(false);
        }
    }

    private static boolean is(ByteBuf content, byte[] expected) {
        if (content.readableBytes() != expected.length) {
            return false;
        }
        for (int i = 0; i < expected.length; i++) {
            if (content.getByte(content.readerIndex() + i) != expected[i]) {
                return false;
            }
        }
        return true;
    }
}
