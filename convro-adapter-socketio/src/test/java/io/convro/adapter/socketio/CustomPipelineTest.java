package io.convro.adapter.socketio;

import static io.convro.adapter.socketio.FakeAuthenticateToken.ALICE_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.corundumstudio.socketio.SocketIOChannelInitializer;
import io.convro.adapter.socketio.SocketProbe.Via;
import io.netty.channel.ChannelPipeline;
import io.socket.client.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** A deployment's own pipeline (the one public port, convro-edge, plugs in this way) keeps Convro's connect check. */
class CustomPipelineTest {
    private static final Duration PATIENCE = Duration.ofSeconds(15);

    /** Stands in for a custom pipeline: netty-socketio's handlers plus its own. */
    static final class CountingPipeline extends SocketIOChannelInitializer {
        final AtomicInteger channels = new AtomicInteger();

        @Override
        protected void addSocketioHandlers(ChannelPipeline pipeline) {
            channels.incrementAndGet();
            super.addSocketioHandlers(pipeline);
        }
    }

    @ParameterizedTest
    @EnumSource(Via.class)
    void aCustomPipelineServesSocketsAndStillRefusesOneWithoutToken(Via via) {
        CountingPipeline pipeline = new CountingPipeline();
        try (RealtimeServer server = new RealtimeServer(
                RealtimeServerConfig.singleNode("127.0.0.1", SocketProbe.freePort()), new FakeAuthenticateToken(), pipeline);
             SocketProbe alice = startAndConnect(server, via, ALICE_TOKEN);
             SocketProbe nobody = SocketProbe.connect(server.port(), via, null, null)) {
            await().atMost(PATIENCE).until(() -> alice.saw(Socket.EVENT_CONNECT) && nobody.saw(Socket.EVENT_CONNECT_ERROR));
            alice.socket().emit("ping");
            await().atMost(PATIENCE).until(() -> alice.saw("pong"));

            assertThat(nobody.names()).doesNotContain(Socket.EVENT_CONNECT);
            assertThat(pipeline.channels.get()).isPositive();
        }
    }

    @Test
    void onlyEngineIoFourHandshakesAreAccepted() throws Exception {
        try (RealtimeServer server = new RealtimeServer(
                RealtimeServerConfig.singleNode("127.0.0.1", SocketProbe.freePort()), new FakeAuthenticateToken())) {
            server.start();
            HttpClient http = HttpClient.newHttpClient();

            assertThat(handshake(http, server, 4)).isEqualTo(200);
            assertThat(handshake(http, server, 3)).isEqualTo(401);
        }
    }

    @Test
    void aTakenPortFailsStartWithTheAddress() {
        int port = SocketProbe.freePort();
        try (RealtimeServer first = new RealtimeServer(RealtimeServerConfig.singleNode("127.0.0.1", port),
                new FakeAuthenticateToken());
             RealtimeServer second = new RealtimeServer(RealtimeServerConfig.singleNode("127.0.0.1", port),
                     new FakeAuthenticateToken())) {
            first.start();
            assertThatThrownBy(second::start).isInstanceOf(IllegalStateException.class).hasMessageContaining(":" + port);
        }
    }

    private static SocketProbe startAndConnect(RealtimeServer server, Via via, String token) {
        server.start();
        return SocketProbe.connect(server.port(), via, token, null);
    }

    private static int handshake(HttpClient http, RealtimeServer server, int engineIo) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(
                "http://127.0.0.1:" + server.port() + "/socket.io/?EIO=" + engineIo + "&transport=polling")).build();
        return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
