package io.convro.adapter.socketio;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The server compresses nothing it sends: a kept permessage-deflate stream cost ~110 kB of native memory per socket
 * of the official client, which offers it by default (docs/benchmarks.md, "Idle sockets"). Offers are declined, which
 * RFC 7692 and every client allow.
 */
class NoCompressionTest {
    private static RealtimeServer server;

    @BeforeAll
    static void start() {
        server = new RealtimeServer(RealtimeServerConfig.singleNode("127.0.0.1", SocketProbe.freePort()),
                new FakeAuthenticateToken());
        server.start();
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    @Test
    void aWebsocketThatOffersPermessageDeflateIsAcceptedWithoutIt() throws IOException {
        String head = exchange("GET /socket.io/?EIO=4&transport=websocket HTTP/1.1\r\nHost: localhost\r\n"
                + "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                + "Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits\r\n\r\n");

        assertThat(head).startsWith("HTTP/1.1 101");
        assertThat(head.toLowerCase()).doesNotContain("sec-websocket-extensions");
    }

    @Test
    void aPollingAnswerIsNotGzippedForAClientThatAcceptsGzip() throws IOException {
        String head = exchange("GET /socket.io/?EIO=4&transport=polling HTTP/1.1\r\nHost: localhost\r\n"
                + "Accept-Encoding: gzip, deflate\r\nConnection: close\r\n\r\n");

        assertThat(head).startsWith("HTTP/1.1 200");
        assertThat(head.toLowerCase()).doesNotContain("content-encoding");
    }

    /** Send {@code request}, return the response's status line and headers. */
    private static String exchange(String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            StringBuilder head = new StringBuilder();
            while (!head.toString().endsWith("\r\n\r\n")) {
                int next = in.read();
                if (next < 0) {
                    break;
                }
                head.append((char) next);
            }
            return head.toString();
        }
    }
}
