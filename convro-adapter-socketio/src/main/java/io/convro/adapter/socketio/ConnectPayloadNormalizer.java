package io.convro.adapter.socketio;

import com.corundumstudio.socketio.messages.PacketsMessage;
import com.corundumstudio.socketio.protocol.EngineIOVersion;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/**
 * Rewrites a Socket.IO v4 CONNECT to the main namespace whose payload is not a JSON object ({@code 40},
 * {@code 40null}, {@code 40[]}, {@code 40"x"}, …) into one with an empty payload ({@code 40{}}). netty-socketio
 * 2.0.13 consults its auth-token listeners only when the decoded payload is not {@code null}, so without this a
 * client that sends no {@code auth} (or {@code null}) would be let in unchecked; with it, {@link SocketAdmission}
 * decides every socket (and falls back to the {@code ?token=} query). A payload that is no object is no valid
 * {@code auth} either: it is dropped.
 *
 * <p>Transports fire their decoded frames from the head of the pipeline, so this handler only has to sit
 * anywhere before netty-socketio's packet handler. Polling bodies hold several packets separated by
 * {@code 0x1E}; websocket frames hold one.
 */
@Sharable
final class ConnectPayloadNormalizer extends ChannelInboundHandlerAdapter {
    static final String NAME = "convroConnectPayload";
    private static final byte SEPARATOR = 0x1E;

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        if (msg instanceof PacketsMessage packets
                && EngineIOVersion.V4.equals(packets.getClient().getEngineIOVersion())
                && hasBareConnect(packets.getContent())) {
            ctx.fireChannelRead(new PacketsMessage(packets.getClient(), withEmptyPayloads(packets.getContent()),
                    packets.getTransport()));
            return;
        }
        ctx.fireChannelRead(msg);
    }

    private static boolean hasBareConnect(ByteBuf content) {
        int start = content.readerIndex();
        int end = content.writerIndex();
        int recordStart = start;
        for (int i = start; i <= end; i++) {
            if (i == end || content.getByte(i) == SEPARATOR) {
                if (isBareConnect(content, recordStart, i)) {
                    return true;
                }
                recordStart = i + 1;
            }
        }
        return false;
    }

    /**
     * engine.io MESSAGE, socket.io CONNECT, main namespace (no {@code /nsp,}), and no JSON object after it: nothing,
     * or anything else ({@code null}, an array, a string, a number).
     */
    private static boolean isBareConnect(ByteBuf content, int from, int to) {
        if (to - from < 2 || content.getByte(from) != '4' || content.getByte(from + 1) != '0') {
            return false;
        }
        if (to - from == 2) {
            return true;
        }
        byte next = content.getByte(from + 2);
        return next != '{' && next != '/';
    }

    private static ByteBuf withEmptyPayloads(ByteBuf content) {
        int start = content.readerIndex();
        int end = content.writerIndex();
        ByteBuf out = Unpooled.buffer(content.readableBytes() + 8);
        int recordStart = start;
        for (int i = start; i <= end; i++) {
            if (i == end || content.getByte(i) == SEPARATOR) {
                if (isBareConnect(content, recordStart, i)) {
                    out.writeByte('4').writeByte('0').writeByte('{').writeByte('}');
                } else {
                    out.writeBytes(content, recordStart, i - recordStart);
                }
                if (i < end) {
                    out.writeByte(SEPARATOR);
                }
                recordStart = i + 1;
            }
        }
        return out;
    }
}
