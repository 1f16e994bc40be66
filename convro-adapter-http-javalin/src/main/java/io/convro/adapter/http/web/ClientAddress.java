package io.convro.adapter.http.web;

import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The address a request came from, for per-client limits. {@code X-Forwarded-For} is read from the right, one hop
 * at a time, as long as the address at hand is a proxy whose word counts: the direct peer when it is loopback (in
 * the one-port mode, the Socket.IO port's relay, which appends the peer it saw; in the two-port mode a proxy on this
 * host) or listed in {@code CONVRO_TRUSTED_PROXIES}, and after that only listed proxies. The first address that is
 * not one is the client; entries further left are whatever the client claimed and are never believed. So behind an
 * ingress on another host, listed, each client has its own budget; unlisted, the ingress counts as one client. (A
 * client on loopback itself is no proxy: what it appends is not believed, unless loopback is listed.)
 */
public final class ClientAddress {
    static final String FORWARDED_FOR = "X-Forwarded-For";
    private final TrustedProxies trusted;

    public ClientAddress(TrustedProxies trusted) {
        this.trusted = trusted;
    }

    public String of(Context ctx) {
        String address = ctx.req().getRemoteAddr();
        if (!TrustedProxies.isLoopback(address) && !trusted.isTrusted(address)) {
            return address;
        }
        List<String> entries = entries(Collections.list(ctx.req().getHeaders(FORWARDED_FOR)));
        for (int i = entries.size() - 1; i >= 0; i--) {
            address = entries.get(i);
            if (!trusted.isTrusted(address)) {
                break;
            }
        }
        return address;
    }

    private static List<String> entries(List<String> headers) {
        List<String> entries = new ArrayList<>();
        for (String header : headers) {
            for (String entry : header.split(",")) {
                String trimmed = entry.trim();
                if (!trimmed.isEmpty()) {
                    entries.add(trimmed);
                }
            }
        }
        return entries;
    }
}
