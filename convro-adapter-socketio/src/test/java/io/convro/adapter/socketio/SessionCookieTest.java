package io.convro.adapter.socketio;

import static org.assertj.core.api.Assertions.assertThat;

import io.convro.adapter.socketio.relay.RawHttpConnection;
import io.convro.adapter.socketio.relay.RelayingChannelInitializer;
import java.io.IOException;
import java.net.InetSocketAddress;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The polling session cookie {@code io} is HttpOnly and SameSite (issue 20), on netty-socketio's pipeline and the relay's. */
class SessionCookieTest {

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void thePollingSessionCookieIsHttpOnlyAndSameSite(boolean relaying) throws IOException {
        // the relay never reaches its backend for a Socket.IO path: nothing needs to listen there
        InetSocketAddress unused = new InetSocketAddress("127.0.0.1", SocketProbe.freePort());
        RealtimeServer server = new RealtimeServer(RealtimeServerConfig.singleNode("127.0.0.1", SocketProbe.freePort()),
                new FakeAuthenticateToken(), relaying ? new RelayingChannelInitializer(unused) : null);
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
