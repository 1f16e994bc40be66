package io.convro.adapter.socketio;

import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponse;
import java.util.List;

/**
 * netty-socketio 2.0.13 sets the engine.io session id as a cookie ({@code Set-Cookie: io=<sid>}) on every polling
 * answer, with no attributes and no setting to change that. Clients do not need it (the official ones send the sid in
 * the query); a load balancer may use it to keep a polling client on its node. So it stays, but no script may read it
 * and no other site may send it along: {@code HttpOnly; SameSite=Lax} are appended.
 *
 * <p>Sits at the end of the pipeline: netty-socketio writes its answers from the tail, so they pass here first.
 */
@Sharable
final class SessionCookie extends ChannelOutboundHandlerAdapter {
    static final String NAME = "convroSessionCookie";
    static final String ATTRIBUTES = "; HttpOnly; SameSite=Lax";

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
        if (msg instanceof HttpResponse response && response.headers().contains(HttpHeaderNames.SET_COOKIE)) {
            List<String> cookies = response.headers().getAll(HttpHeaderNames.SET_COOKIE);
            response.headers().remove(HttpHeaderNames.SET_COOKIE);
            for (String cookie : cookies) {
                response.headers().add(HttpHeaderNames.SET_COOKIE,
                        cookie.startsWith("io=") && !cookie.contains(";") ? cookie + ATTRIBUTES : cookie);
            }
        }
        ctx.write(msg, promise);
    }
}
