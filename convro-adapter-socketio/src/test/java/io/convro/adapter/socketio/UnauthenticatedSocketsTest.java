package io.convro.adapter.socketio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.convro.edge.RawHttpConnection;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Sockets that have not proved who they are (issue 20): a CONNECT without a valid token is refused like a bad token,
 * whatever stands in for the payload; a socket that never authenticates is closed; one address holds only so many.
 * Spoken by hand over polling, so that the packets are exactly those an attacker sends.
 */
class UnauthenticatedSocketsTest {
    private static final Pattern SID = Pattern.compile("\"sid\":\"([^\"]+)\"");
    private static final Duration AUTH_TIMEOUT = Duration.ofSeconds(2);
    private static final int PENDING_CAP = 4;
    private static RealtimeServer server;

    /** A server per test: refused sockets count against their address until they are closed. */
    @BeforeEach
    void start() {
        server = new RealtimeServer(RealtimeServerConfig.singleNode("127.0.0.1", SocketProbe.freePort())
                .withGuard(new RealtimeServerConfig.Guard(AUTH_TIMEOUT, PENDING_CAP, 0, 0)), new FakeAuthenticateToken());
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    @ParameterizedTest
    @ValueSource(strings = {"40", "40null", "40{}", "40[]", "40\"token-alice-phone\"", "4042", "40{\"token\":null}"})
    void aConnectWithoutAValidTokenIsRefusedLikeABadOne(String connect) throws IOException {
        String sid = handshake("");

        assertThat(exchange("POST", polling(sid), connect).text()).isEqualTo("ok");
        String answer = exchange("GET", polling(sid), null).text();

        assertThat(answer).startsWith("44{\"message\":\"UNAUTHORIZED\"").doesNotContain("40{\"sid\"");
    }

    @Test
    void aValidTokenIsStillAdmittedAndABadOneRefused() throws IOException {
        String good = handshake("");
        exchange("POST", polling(good), "40{\"token\":\"" + FakeAuthenticateToken.ALICE_TOKEN + "\"}");
        assertThat(exchange("GET", polling(good), null).text()).startsWith("40{\"sid\"");

        String bad = handshake("");
        exchange("POST", polling(bad), "40{\"token\":\"not-a-token\"}");
        assertThat(exchange("GET", polling(bad), null).text()).startsWith("44{\"message\":\"UNAUTHORIZED\"");
    }

    @Test
    void aSocketThatNeverAuthenticatesIsClosed() throws IOException {
        String sid = handshake("");

        await().atMost(AUTH_TIMEOUT.plusSeconds(5)).pollInterval(Duration.ofMillis(200))
                .until(() -> server.pendingSockets() == 0);
        RawHttpConnection.Response poll = exchange("GET", polling(sid), null);

        // the session is gone: a poll either reads its close packet or is refused (netty-socketio answers an unknown sid 500)
        assertThat(poll.status() >= 400 || poll.text().startsWith("1")).as("poll after the timeout: %s %s",
                poll.status(), poll.text()).isTrue();
    }

    @Test
    void oneAddressHoldsOnlySoManySocketsThatHaveNotAuthenticated() throws IOException {
        String first = handshake("");
        for (int i = 1; i < PENDING_CAP; i++) {
            handshake("");
        }
        // a session is counted when netty-socketio reports it open, a moment after its handshake was answered (one
        // that races past the check is closed then: PendingSockets.onConnect); the check is exact once they are
        await().atMost(Duration.ofSeconds(5)).until(() -> server.pendingSockets() == PENDING_CAP);

        RawHttpConnection.Response refused = exchange("GET", "/socket.io/?EIO=4&transport=polling", null);
        exchange("POST", polling(first), "40{\"token\":\"" + FakeAuthenticateToken.ALICE_TOKEN + "\"}");
        assertThat(exchange("GET", polling(first), null).text()).startsWith("40{\"sid\"");
        RawHttpConnection.Response afterOneAuthenticated = exchange("GET", "/socket.io/?EIO=4&transport=polling", null);

        assertThat(refused.status()).isEqualTo(401);
        assertThat(afterOneAuthenticated.status()).isEqualTo(200);
    }

    private static String polling(String sid) {
        return "/socket.io/?EIO=4&transport=polling&sid=" + sid;
    }

    private static String handshake(String query) throws IOException {
        RawHttpConnection.Response open = exchange("GET", "/socket.io/?EIO=4&transport=polling" + query, null);
        assertThat(open.status()).as("handshake: %s", open.text()).isEqualTo(200);
        Matcher matcher = SID.matcher(open.text());
        assertThat(matcher.find()).as("sid in %s", open.text()).isTrue();
        return matcher.group(1);
    }

    /** netty-socketio closes the connection after each polling answer: one connection per request. */
    private static RawHttpConnection.Response exchange(String method, String target, String body) throws IOException {
        try (RawHttpConnection connection = new RawHttpConnection(new InetSocketAddress("127.0.0.1", server.port()))) {
            connection.write(body == null ? RawHttpConnection.request(method, target)
                    : RawHttpConnection.requestWithBody(method, target, body, "Content-Type: text/plain;charset=UTF-8"));
            return connection.read();
        }
    }
}
