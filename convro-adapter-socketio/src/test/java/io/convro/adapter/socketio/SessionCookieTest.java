package io.convro.adapter.socketio;

import static org.assertj.core.api.Assertions.assertThat;

import io.convro.edge.RawHttpConnection;
import java.io.IOException;
import java.net.InetSocketAddress;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The polling session cookie {@code io} is HttpOnly and SameSite (issue 20), on netty-socketio's pipeline and on a custom one (the public port's is one). */
class SessionCookieTest {

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void thePollingSessionCookieIsHttpOnlyAndSameSite(boolean custom) throws IOException {
        RealtimeServer server = new RealtimeServer(RealtimeServerConfig.singleNode("127.0.0.1", SocketProbe.freePort()),
                new FakeAuthenticateToken(), custom ? new CustomPipelineTest.CountingPipeline() : null);
        server.start();
        {
            try (RawHttpConnection connection = new RawHttpConnection(new InetSocketAddress("127.0.0.1", server.port()))) {
                connection.write(RawHttpConnection.request("GET", "/socket.io/?EIO=4&transport=polling"));
                RawHttpConnection.Response handshake = connection.read();

                assertThat(handshake.status()).isEqualTo(200);
                assertThat(handshake.headers().get("set-cookie")).isNotEmpty()
                        .allSatisfy(cookie -> assertThat(cookie).startsWith("io=").endsWith("; HttpOnly; SameSite=Lax"));
            } finally {
                server.stop();
            }
        }
    }
}
