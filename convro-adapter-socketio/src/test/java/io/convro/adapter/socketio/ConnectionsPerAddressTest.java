package io.convro.adapter.socketio;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The cap on connections one client address holds on the listener (issue 20). */
class ConnectionsPerAddressTest {
    private static final InetSocketAddress CLIENT = new InetSocketAddress("203.0.113.7", 40_000);
    private static final InetSocketAddress OTHER = new InetSocketAddress("203.0.113.8", 40_000);

    @Test
    void aConnectionBeyondTheCapIsAnswered503AndClosed() {
        ConnectionsPerAddress cap = new ConnectionsPerAddress(2, false);
        EmbeddedChannel first = from(CLIENT, cap);
        EmbeddedChannel second = from(CLIENT, cap);
        EmbeddedChannel third = from(CLIENT, cap);
        EmbeddedChannel elsewhere = from(OTHER, cap);

        String answer = written(third);

        assertThat(first.isActive()).isTrue();
        assertThat(second.isActive()).isTrue();
        assertThat(elsewhere.isActive()).isTrue();
        assertThat(third.isActive()).isFalse();
        assertThat(answer).startsWith("HTTP/1.1 503 ").contains("Retry-After: 2", "Connection: close",
                "Content-Type: application/json").endsWith("{\"error\":\"SERVICE_UNAVAILABLE\",\"message\":\"too many connections from this address\"}");
    }

    @Test
    void aClosedConnectionFreesItsPlace() throws UnknownHostException {
        ConnectionsPerAddress cap = new ConnectionsPerAddress(1, false);
        EmbeddedChannel first = from(CLIENT, cap);
        first.close();
        EmbeddedChannel next = from(CLIENT, cap);

        assertThat(next.isActive()).isTrue();
        assertThat(cap.openFrom(InetAddress.getByName("203.0.113.7"))).isEqualTo(1);
    }

    @Test
    void loopbackIsAProxyOnThisHostAndNotCounted() {
        ConnectionsPerAddress cap = new ConnectionsPerAddress(1, false);
        InetSocketAddress loopback = new InetSocketAddress("127.0.0.1", 40_000);

        from(loopback, cap);
        EmbeddedChannel second = from(loopback, cap);

        assertThat(second.isActive()).isTrue();
    }

    @Test
    void zeroTurnsTheCapOff() {
        ConnectionsPerAddress cap = new ConnectionsPerAddress(0, false);
        from(CLIENT, cap);
        assertThat(from(CLIENT, cap).isActive()).isTrue();
    }

    private static String written(EmbeddedChannel channel) {
        StringBuilder text = new StringBuilder();
        ByteBuf out;
        while ((out = channel.readOutbound()) != null) {
            text.append(out.toString(StandardCharsets.US_ASCII));
            out.release();
        }
        return text.toString();
    }

    private static EmbeddedChannel from(InetSocketAddress peer, ConnectionsPerAddress cap) {
        return new EmbeddedChannel(cap) {
            @Override
            protected SocketAddress remoteAddress0() {
                return peer;
            }
        };
    }
}
