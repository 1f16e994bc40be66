package io.convro.adapter.http.web;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The address a request came from, for per-client limits. {@code X-Forwarded-For} is read from the right, one hop
 * at a time, as long as the address at hand is a proxy whose word counts: the direct peer when it is loopback (in
 * the two-port mode a proxy on this host; the one public port appends the peer it saw itself, {@link #ofGathered}) or listed in {@code CONVRO_TRUSTED_PROXIES}, and after that only listed proxies. The first address that is
 * not one is the client; entries further left are whatever the client claimed and are never believed. So behind an
 * ingress on another host, listed, each client has its own budget; unlisted, the ingress counts as one client. (A
 * client on loopback itself is no proxy: what it appends is not believed, unless loopback is listed.)
 */
public final class ClientAddress {
    public static final String FORWARDED_FOR = "X-Forwarded-For";
    private final TrustedProxies trusted;

    public ClientAddress(TrustedProxies trusted) {
        this.trusted = trusted;
    }

    /**
     * @param peer         the direct peer's address
     * @param forwardedFor every {@code X-Forwarded-For} header of the request, read only when the peer is a proxy
     */
    public String of(String peer, Supplier<List<String>> forwardedFor) {
        if (!TrustedProxies.isLoopback(peer) && !trusted.isTrusted(peer)) {
            return peer;
        }
        return walk(peer, entries(forwardedFor.get()));
    }

    /**
     * The client of a request the one public port gathered: {@code forwardedFor} is the header as the port passes it
     * on (the peer it saw appended); {@code null} without one.
     */
    public String ofGathered(String forwardedFor) {
        if (forwardedFor == null) {
            return null;
        }
        List<String> entries = entries(List.of(forwardedFor));
        return entries.isEmpty() ? null : walk(null, entries);
    }

    /**
     * From {@code address}, a proxy whose word counts, leftwards through {@code entries}: each entry is taken, and
     * the walk goes on only while the entry taken is a listed proxy.
     */
    private String walk(String address, List<String> entries) {
        String at = address;
        for (int i = entries.size() - 1; i >= 0; i--) {
            at = entries.get(i);
            if (!trusted.isTrusted(at)) {
                break;
            }
        }
        return at;
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
