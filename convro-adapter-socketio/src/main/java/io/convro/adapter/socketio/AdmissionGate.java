package io.convro.adapter.socketio;

import com.corundumstudio.socketio.SocketIOChannelInitializer;
import com.corundumstudio.socketio.handler.ClientHead;
import com.corundumstudio.socketio.messages.PacketsMessage;
import com.corundumstudio.socketio.protocol.EngineIOVersion;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.convro.adapter.socketio.SocketAdmission.Refused;
import io.convro.adapter.socketio.SocketAdmission.Verdict;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandler;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.AttributeKey;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps socket admission off the event loops. A socket's token may need a read of its device (and a write of its
 * {@code lastSeenAt}); done on an event loop, as netty-socketio calls its auth listeners, a slow or stopped
 * database froze every connection of that loop, REST on the public port included. So this handler, in
 * front of netty-socketio's packet handler, holds each CONNECT to the main namespace until its verdict is known:
 * at once when the token needs no database, else from a bounded executor. The verdict goes to
 * {@link SocketAdmission}, and the CONNECT, followed by whatever the client sent in the meantime (in order), is
 * handed to netty-socketio's packet handler on the event loop.
 *
 * <p>Bounds: at most {@code threads} checks run and {@code queue} wait; a CONNECT beyond that, or one that waited
 * longer than {@code maxWait} (the database is slow: its check would only add to the pile), is refused with
 * {@code connect_error} {@code SERVICE_UNAVAILABLE}. A client holds at most {@link #MAX_HELD_PER_CLIENT} messages
 * behind its CONNECT; more and it is disconnected.
 *
 * <p>The held messages are handed to the packet handler directly rather than fired through the pipeline again:
 * a polling POST's connection may be closed by the time the verdict is there (netty-socketio answers the POST
 * before it processes the packets), and the packet handler needs only the message (its client), not the channel.
 */
@Sharable
final class AdmissionGate extends ChannelInboundHandlerAdapter implements AutoCloseable {
    static final String NAME = "convroAdmissionGate";
    static final int MAX_HELD_PER_CLIENT = 64;
    /** The client whose packets this channel carried last: the one to close when handling them fails. */
    static final AttributeKey<ClientHead> LAST_CLIENT = AttributeKey.valueOf("convroLastClient");
    private static final Logger log = LoggerFactory.getLogger(AdmissionGate.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final byte SEPARATOR = 0x1E;

    private final SocketAdmission admission;
    private final ThreadPoolExecutor checks;
    private final long maxWaitNanos;
    private final ConcurrentMap<UUID, Held> held = new ConcurrentHashMap<>();

    AdmissionGate(SocketAdmission admission, int threads, int queue, Duration maxWait) {
        this.admission = admission;
        this.maxWaitNanos = maxWait.toNanos();
        AtomicInteger count = new AtomicInteger();
        this.checks = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(queue), work -> {
            Thread thread = new Thread(work, "convro-ws-admission-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        checks.allowCoreThreadTimeOut(true);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        if (!(msg instanceof PacketsMessage packets) || !EngineIOVersion.V4.equals(packets.getClient().getEngineIOVersion())) {
            ctx.fireChannelRead(msg);
            return;
        }
        ClientHead client = packets.getClient();
        ctx.channel().attr(LAST_CLIENT).set(client);
        UUID id = client.getSessionId();
        if (heldBehindConnect(id, packets)) {
            return;
        }
        String payload = connectPayload(packets.getContent());
        if (payload == null) {
            ctx.fireChannelRead(msg);
            return;
        }
        String token = SocketAdmission.tokenOf(parse(payload), client.getHandshakeData());
        Optional<Verdict> known = admission.decideWithoutWaiting(token);
        ChannelHandlerContext packetHandler = ctx.pipeline().context(SocketIOChannelInitializer.PACKET_HANDLER);
        if (known.isPresent() || packetHandler == null) {
            admitNow(ctx, id, known.orElseGet(Refused::busy), msg);
            return;
        }
        Held waiting = new Held(packetHandler, copy(packets));
        held.put(id, waiting);
        long queuedAt = System.nanoTime();
        try {
            checks.execute(() -> {
                Verdict verdict = System.nanoTime() - queuedAt > maxWaitNanos ? Refused.busy() : admission.decide(token);
                try {
                    packetHandler.executor().execute(() -> release(id, client, waiting, verdict));
                } catch (RejectedExecutionException stopping) {
                    held.remove(id, waiting);
                    waiting.drop();
                }
            });
        } catch (RejectedExecutionException full) {
            held.remove(id, waiting);
            waiting.drop();
            admitNow(ctx, id, Refused.busy(), msg);
        }
    }

    /** Pass {@code msg} on now, with the verdict on the CONNECT it carries. */
    private void admitNow(ChannelHandlerContext ctx, UUID id, Verdict verdict, Object msg) {
        admission.remember(id, verdict);
        try {
            ctx.fireChannelRead(msg);
        } finally {
            admission.discard(id);
        }
    }

    /** If a CONNECT of this client is being checked, queue a copy of {@code packets} behind it. */
    private boolean heldBehindConnect(UUID id, PacketsMessage packets) {
        Held waiting = held.get(id);
        if (waiting == null) {
            return false;
        }
        synchronized (waiting) {
            if (waiting.released) {
                return false;
            }
            if (waiting.messages.size() >= MAX_HELD_PER_CLIENT) {
                log.info("[WS] sessionId={} sent more than {} messages before its CONNECT was checked: disconnected",
                        id, MAX_HELD_PER_CLIENT);
                packets.getClient().disconnect();
                return true;
            }
            waiting.messages.add(copy(packets));
            return true;
        }
    }

    /** On the event loop: the verdict is known, hand over the CONNECT and what followed it, in order. */
    private void release(UUID id, ClientHead client, Held waiting, Verdict verdict) {
        if (!client.isConnected()) {
            held.remove(id, waiting);
            waiting.drop();
            return;
        }
        admission.remember(id, verdict);
        ChannelInboundHandler handler = (ChannelInboundHandler) waiting.target.handler();
        try {
            while (true) {
                PacketsMessage next;
                synchronized (waiting) {
                    next = waiting.messages.poll();
                    if (next == null) {
                        waiting.released = true;
                        held.remove(id, waiting);
                        return;
                    }
                }
                try {
                    handler.channelRead(waiting.target, next);
                } catch (Exception failed) {
                    // never the message: it can quote the frame
                    ClientInputLog.report(ClientInputLog.kindOf(failed), "socket closed");
                    client.disconnect();
                } finally {
                    next.getContent().release();
                }
            }
        } finally {
            admission.discard(id);
        }
    }

    /** CONNECT checks waiting or running (tests). */
    int inFlight() {
        return checks.getQueue().size() + checks.getActiveCount();
    }

    @Override
    public void close() {
        checks.shutdownNow();
    }

    /**
     * The JSON payload of the first CONNECT to the main namespace in {@code content} ({@code 40{…}}: engine.io
     * MESSAGE, socket.io CONNECT, no namespace; {@link ConnectPayloadNormalizer} has given a bare {@code 40} its
     * {@code {}}), or {@code null}. Polling bodies hold several packets separated by {@code 0x1E}.
     */
    static String connectPayload(ByteBuf content) {
        int start = content.readerIndex();
        int end = content.writerIndex();
        int recordStart = start;
        for (int i = start; i <= end; i++) {
            if (i == end || content.getByte(i) == SEPARATOR) {
                if (i - recordStart >= 3 && content.getByte(recordStart) == '4' && content.getByte(recordStart + 1) == '0'
                        && content.getByte(recordStart + 2) == '{') {
                    return content.toString(recordStart + 2, i - recordStart - 2, StandardCharsets.UTF_8);
                }
                recordStart = i + 1;
            }
        }
        return null;
    }

    private static Object parse(String json) {
        try {
            return JSON.readValue(json, Map.class);
        } catch (Exception malformed) {
            return null; // netty-socketio's own decoder rejects it; the token may still come from the query
        }
    }

    /** The transports release their buffer once the pipeline returns: what waits keeps its own copy. */
    private static PacketsMessage copy(PacketsMessage packets) {
        return new PacketsMessage(packets.getClient(), Unpooled.copiedBuffer(packets.getContent()), packets.getTransport());
    }

    /** A CONNECT being checked and what its client sent since; guarded by its own monitor. */
    private static final class Held {
        final ChannelHandlerContext target;
        final ArrayDeque<PacketsMessage> messages = new ArrayDeque<>();
        boolean released;

        Held(ChannelHandlerContext target, PacketsMessage connect) {
            this.target = target;
            messages.add(connect);
        }

        synchronized void drop() {
            released = true;
            messages.forEach(message -> message.getContent().release());
            messages.clear();
        }
    }
}
