package io.convro.adapter.socketio;

import java.net.URI;
import java.util.Set;

/**
 * Which pages may open a socket: a client that sends no {@code Origin} (not a browser: the Java and Node clients),
 * a page of the server's own origin (its {@code Origin} names the host the request was sent to), and the browser
 * apps of {@code CONVRO_CORS_ORIGINS}. A handshake from any other origin is refused, so no other site's page can
 * use a visitor's browser to hold sockets here, and no CORS answer ever names an origin that was not allowed.
 */
final class SocketOrigins {
    private final Set<String> listed;

    SocketOrigins(Set<String> listed) {
        this.listed = Set.copyOf(listed);
    }

    /**
     * @param origin the handshake's {@code Origin} header, {@code null} when absent
     * @param host   its {@code Host} header, {@code null} when absent
     */
    boolean allows(String origin, String host) {
        if (origin == null || listed.contains(origin)) {
            return true;
        }
        if (host == null) {
            return false;
        }
        // a proxy that passes the host without its port (nginx's $host) still names the page's own host
        String authority = authority(origin);
        return host.equalsIgnoreCase(authority) || host.indexOf(':') < 0 && host.equalsIgnoreCase(hostOf(authority));
    }

    private static String authority(String origin) {
        try {
            String authority = URI.create(origin).getRawAuthority();
            return authority == null ? "" : authority;
        } catch (IllegalArgumentException notAnOrigin) {
            return "";
        }
    }

    private static String hostOf(String authority) {
        int colon = authority.lastIndexOf(':');
        return colon < 0 || authority.endsWith("]") ? authority : authority.substring(0, colon);
    }
}
