package io.convro.adapter.http.web;

import io.javalin.http.Context;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Collections;
import java.util.List;

/**
 * The address a request came from, for per-client limits. In the one-port mode every request reaches Jetty from
 * the Socket.IO port's relay on loopback, and the relay appends the real peer to {@code X-Forwarded-For}; so when
 * the direct peer is loopback the <em>last</em> entry is the client (earlier entries are whatever the client
 * claimed and are never trusted). Otherwise the direct peer is the client. Behind another proxy (the two-port
 * nginx setup) the direct peer is that proxy: it must append, as {@code $proxy_add_x_forwarded_for} does, and
 * reach Convro over loopback for its entry to count; a proxy on another host counts as one client.
 */
public final class ClientAddress {
    static final String FORWARDED_FOR = "X-Forwarded-For";

    private ClientAddress() {
    }

    public static String of(Context ctx) {
        String peer = ctx.req().getRemoteAddr();
        if (!isLoopback(peer)) {
            return peer;
        }
        List<String> headers = Collections.list(ctx.req().getHeaders(FORWARDED_FOR));
        if (headers.isEmpty()) {
            return peer;
        }
        String last = headers.get(headers.size() - 1);
        String entry = last.substring(last.lastIndexOf(',') + 1).trim();
        return entry.isEmpty() ? peer : entry;
    }

    static boolean isLoopback(String address) {
        if (address == null || address.isEmpty()) {
            return false;
        }
        // only literals reach here (Jetty reports the socket's address); never let a name trigger a DNS lookup
        if (!Character.isDigit(address.charAt(0)) && address.charAt(0) != '[' && address.indexOf(':') < 0) {
            return false;
        }
        try {
            return InetAddress.getByName(address).isLoopbackAddress();
        } catch (UnknownHostException notALiteral) {
            return false;
        }
    }
}
