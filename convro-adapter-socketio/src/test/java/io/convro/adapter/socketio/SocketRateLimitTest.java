package io.convro.adapter.socketio;

import static io.convro.adapter.socketio.FakeAuthenticateToken.ALICE_TOKEN;
import static io.convro.adapter.socketio.FakeAuthenticateToken.BOB_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.convro.adapter.socketio.SocketProbe.Via;
import io.convro.application.shared.RateLimit;
import io.convro.application.shared.RateLimiter;
import io.socket.client.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Sockets per device: beyond the budget a socket gets connect_error RATE_LIMITED with a retryAfter, others go on. */
class SocketRateLimitTest {
    private static final Duration PATIENCE = Duration.ofSeconds(15);
    private static final int BUDGET = 2;

    /** Buckets that never refill: the test counts sockets, not time. */
    private final Map<String, AtomicInteger> taken = new ConcurrentHashMap<>();
    private final RateLimiter counting = (bucket, limit) -> taken.computeIfAbsent(bucket, key -> new AtomicInteger())
            .incrementAndGet() <= limit.permits() ? Optional.empty() : Optional.of(Duration.ofMillis(1_500));
    private final List<SocketProbe> probes = new ArrayList<>();
    private RealtimeServer server;

    @BeforeEach
    void start() {
        server = new RealtimeServer(RealtimeServerConfig.singleNode("127.0.0.1", SocketProbe.freePort()),
                new FakeAuthenticateToken(), null, device -> { },
                SocketRateLimit.of(counting, new RateLimit(BUDGET, Duration.ofMinutes(1))));
        server.start();
    }

    @AfterEach
    void stop() {
        probes.forEach(SocketProbe::close);
        server.stop();
    }

    @Test
    void aDeviceBeyondItsSocketBudgetIsRefusedWithRetryAfterAndOtherDevicesAreNot() {
        for (int i = 0; i < BUDGET; i++) {
            SocketProbe admitted = connect(ALICE_TOKEN);
            await().atMost(PATIENCE).until(() -> admitted.saw(Socket.EVENT_CONNECT));
        }
        SocketProbe refused = connect(ALICE_TOKEN);
        SocketProbe bob = connect(BOB_TOKEN);

        await().atMost(PATIENCE).until(() -> refused.saw(Socket.EVENT_CONNECT_ERROR) && bob.saw(Socket.EVENT_CONNECT));
        var error = refused.first(Socket.EVENT_CONNECT_ERROR).orElseThrow().json();
        assertThat(error.get("message").asText()).isEqualTo("RATE_LIMITED");
        assertThat(error.get("data").get("error").asText()).isEqualTo("RATE_LIMITED");
        assertThat(error.get("data").get("retryAfter").asLong()).as("1.5 s rounded up").isEqualTo(2);
        assertThat(refused.names()).doesNotContain(Socket.EVENT_CONNECT);
        assertThat(taken).containsOnlyKeys("socket:" + FakeAuthenticateToken.ALICE_PHONE.deviceId().value(),
                "socket:" + FakeAuthenticateToken.BOB_LAPTOP.deviceId().value());
    }

    @Test
    void aSocketWithABadTokenCostsNoPermit() {
        SocketProbe bad = connect("not-a-token");
        await().atMost(PATIENCE).until(() -> bad.saw(Socket.EVENT_CONNECT_ERROR));
        assertThat(taken).isEmpty();
    }

    private SocketProbe connect(String token) {
        SocketProbe probe = SocketProbe.connect(server.port(), Via.WEBSOCKET, token, null);
        probes.add(probe);
        return probe;
    }
}
