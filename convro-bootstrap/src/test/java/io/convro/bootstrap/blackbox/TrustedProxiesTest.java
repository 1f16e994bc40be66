package io.convro.bootstrap.blackbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.convro.bootstrap.ConvroConfig;
import io.convro.bootstrap.ConvroServer;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code CONVRO_TRUSTED_PROXIES} over real HTTP in both port modes: requests reach the server from this machine's
 * own non-loopback address, as from an ingress on another host. Unlisted, that proxy is one client (its
 * {@code X-Forwarded-For} is not believed, every user behind it shares one login budget); listed, each client it
 * forwards has its own budget.
 */
class TrustedProxiesTest {
    private static final String PASSWORD = "correct horse battery";
    private final List<ConvroServer> servers = new ArrayList<>();

    @AfterEach
    void stop() {
        servers.forEach(ConvroServer::close);
    }

    @ParameterizedTest(name = "two ports: {0}")
    @ValueSource(booleans = {false, true})
    void aListedProxysForwardedAddressesEachHaveTheirOwnBudget(boolean twoPorts) throws Exception {
        String proxy = nonLoopbackAddress();
        BlackBoxHttp http = start(twoPorts, proxy, Map.of("CONVRO_TRUSTED_PROXIES", "127.0.0.2, " + proxy + "/32"));
        for (int i = 0; i < 3; i++) {
            viaProxy(http, "203.0.113.1").expectError(400, "INVALID_REFRESH_TOKEN");
        }
        viaProxy(http, "203.0.113.1").expectError(429, "RATE_LIMITED");
        viaProxy(http, "203.0.113.2").expectError(400, "INVALID_REFRESH_TOKEN");
        // what the client wrote left of the proxy's entry does not count: the same client, another claim
        viaProxy(http, "10.9.9.9, 203.0.113.1").expectError(429, "RATE_LIMITED");
    }

    @ParameterizedTest(name = "two ports: {0}")
    @ValueSource(booleans = {false, true})
    void anUnlistedProxyIsOneClient(boolean twoPorts) throws Exception {
        String proxy = nonLoopbackAddress();
        BlackBoxHttp http = start(twoPorts, proxy, Map.of());
        for (int i = 0; i < 3; i++) {
            viaProxy(http, "203.0.113." + (10 + i)).expectError(400, "INVALID_REFRESH_TOKEN");
        }
        viaProxy(http, "203.0.113.20").expectError(429, "RATE_LIMITED");
    }

    /** A refresh with no token: 400, but counted against the auth budget of its client address (3 here). */
    private static BlackBoxHttp.Response viaProxy(BlackBoxHttp http, String forwardedFor) {
        HttpRequest request = http.builder(null, "/v1/auth/refresh").header("Content-Type", "application/json")
                .header("X-Forwarded-For", forwardedFor).POST(HttpRequest.BodyPublishers.ofString("{}")).build();
        return http.send(request);
    }

    private BlackBoxHttp start(boolean twoPorts, String proxy, Map<String, String> extra) throws Exception {
        Map<String, String> env = new HashMap<>();
        env.put("CONVRO_DATA_DIR", Files.createTempDirectory("convro-proxies").toString());
        env.put("CONVRO_HTTP_PORT", "0");
        env.put("CONVRO_HTTP_HOST", "0.0.0.0");
        env.put("CONVRO_AUTH_RATE_LIMIT", "3");
        if (twoPorts) {
            env.put("CONVRO_SOCKETIO_PORT", "0");
        }
        env.putAll(extra);
        ConvroServer server = new ConvroServer(ConvroConfig.from(env)).start();
        servers.add(server);
        return new BlackBoxHttp(proxy, server.port(), code -> { });
    }

    /** This machine's first IPv4 address that is not loopback: requests from it are not from loopback. */
    private static String nonLoopbackAddress() throws Exception {
        for (NetworkInterface network : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (!network.isUp() || network.isLoopback()) {
                continue;
            }
            for (InetAddress address : Collections.list(network.getInetAddresses())) {
                if (address instanceof Inet4Address && !address.isLoopbackAddress() && !address.isLinkLocalAddress()) {
                    return address.getHostAddress();
                }
            }
        }
        boolean ci = "true".equalsIgnoreCase(System.getenv("CI"));
        assertThat(ci).as("CI machines have a non-loopback IPv4 address").isFalse();
        assumeTrue(false, "no non-loopback IPv4 address on this machine");
        return null;
    }
}
