package io.convro.adapter.http.web;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The proxies whose {@code X-Forwarded-For} entries are believed ({@code CONVRO_TRUSTED_PROXIES}: addresses and
 * CIDR ranges, IPv4 or IPv6). The request's direct peer on loopback is believed too, for one hop (see
 * {@link ClientAddress}); loopback further along the chain only when listed here.
 */
public final class TrustedProxies {
    private final List<Range> ranges;

    private TrustedProxies(List<Range> ranges) {
        this.ranges = List.copyOf(ranges);
    }

    /** None listed: only a loopback peer's last entry counts. */
    public static TrustedProxies loopbackOnly() {
        return new TrustedProxies(List.of());
    }

    /**
     * @param entries {@code 10.0.0.0/8}, {@code 192.0.2.7}, {@code fd00::/8}, ...
     * @throws IllegalArgumentException naming the first entry that is not an address or range
     */
    public static TrustedProxies of(Collection<String> entries) {
        List<Range> ranges = new ArrayList<>();
        for (String entry : entries) {
            ranges.add(Range.parse(entry.trim()));
        }
        return new TrustedProxies(ranges);
    }

    /** Whether {@code address} is one of the listed proxies (an IP literal; a name never is). */
    public boolean isTrusted(String address) {
        byte[] bytes = literal(address);
        if (bytes == null) {
            return false;
        }
        for (Range range : ranges) {
            if (range.contains(bytes)) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@code address} is a loopback literal. */
    static boolean isLoopback(String address) {
        byte[] bytes = literal(address);
        try {
            return bytes != null && InetAddress.getByAddress(bytes).isLoopbackAddress();
        } catch (UnknownHostException impossible) {
            return false;
        }
    }

    /** The bytes of an IP literal; {@code null} for anything else (a name never triggers a DNS look-up). */
    static byte[] literal(String address) {
        if (address == null || address.isEmpty()) {
            return null;
        }
        String text = address.startsWith("[") && address.endsWith("]") ? address.substring(1, address.length() - 1) : address;
        boolean ipv4 = text.chars().allMatch(c -> c == '.' || Character.isDigit(c)) && text.chars().filter(c -> c == '.').count() == 3;
        boolean ipv6 = text.indexOf(':') >= 0 && text.chars().allMatch(c -> c == ':' || c == '.' || Character.digit(c, 16) >= 0);
        if (!ipv4 && !ipv6) {
            return null;
        }
        try {
            return InetAddress.getByName(text).getAddress();
        } catch (UnknownHostException notALiteral) {
            return null;
        }
    }

    private record Range(byte[] network, int prefixBits) {
        static Range parse(String entry) {
            int slash = entry.indexOf('/');
            byte[] address = literal(slash < 0 ? entry : entry.substring(0, slash));
            if (address == null) {
                throw new IllegalArgumentException("\"" + entry + "\" is not an IP address or CIDR range");
            }
            int bits = address.length * 8;
            if (slash >= 0) {
                try {
                    bits = Integer.parseInt(entry.substring(slash + 1));
                } catch (NumberFormatException e) {
                    bits = -1;
                }
                if (bits < 0 || bits > address.length * 8) {
                    throw new IllegalArgumentException("\"" + entry + "\" has a prefix length outside 0.." + address.length * 8);
                }
            }
            return new Range(address, bits);
        }

        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            int whole = prefixBits / 8;
            for (int i = 0; i < whole; i++) {
                if (address[i] != network[i]) {
                    return false;
                }
            }
            int rest = prefixBits % 8;
            if (rest == 0) {
                return true;
            }
            int mask = 0xff << (8 - rest) & 0xff;
            return (address[whole] & mask) == (network[whole] & mask);
        }
    }
}
