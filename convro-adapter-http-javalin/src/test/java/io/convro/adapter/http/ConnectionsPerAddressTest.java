package io.convro.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.convro.adapter.http.web.ConnectionsPerAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import org.eclipse.jetty.io.AbstractConnection;
import org.eclipse.jetty.io.ByteArrayEndPoint;
import org.eclipse.jetty.io.Connection;
import org.junit.jupiter.api.Test;

/** The cap on connections per client address on the two-port mode's REST port (issue 20). */
class ConnectionsPerAddressTest {

    @Test
    void aConnectionBeyondTheCapIsAnswered503AndClosedAndAClosedOneFreesItsPlace() {
        ConnectionsPerAddress cap = new ConnectionsPerAddress(2);
        Connection first = from("203.0.113.7");
        Connection second = from("203.0.113.7");
        Connection third = from("203.0.113.7");
        Connection elsewhere = from("203.0.113.8");

        cap.onOpened(first);
        cap.onOpened(second);
        cap.onOpened(third);
        cap.onOpened(elsewhere);
        cap.onClosed(third);
        cap.onClosed(first);
        Connection afterOneClosed = from("203.0.113.7");
        cap.onOpened(afterOneClosed);

        assertThat(written(third)).startsWith("HTTP/1.1 503 ").contains("Retry-After: 2", "Connection: close")
                .endsWith("{\"error\":\"SERVICE_UNAVAILABLE\",\"message\":\"too many connections from this address\"}");
        assertThat(third.getEndPoint().isOpen()).isFalse();
        assertThat(written(second)).isEmpty();
        assertThat(written(elsewhere)).isEmpty();
        assertThat(written(afterOneClosed)).isEmpty();
        assertThat(afterOneClosed.getEndPoint().isOpen()).isTrue();
    }

    @Test
    void loopbackIsAProxyOnThisHostAndNotCounted() {
        ConnectionsPerAddress cap = new ConnectionsPerAddress(1);
        Connection first = from("127.0.0.1");
        Connection second = from("127.0.0.1");

        cap.onOpened(first);
        cap.onOpened(second);

        assertThat(written(second)).isEmpty();
    }

    private static String written(Connection connection) {
        return ((ByteArrayEndPoint) connection.getEndPoint()).getOutputString();
    }

    private static Connection from(String address) {
        ByteArrayEndPoint endPoint = new ByteArrayEndPoint() {
            @Override
            public SocketAddress getRemoteSocketAddress() {
                return new InetSocketAddress(address, 40_000);
            }
        };
        return new AbstractConnection(endPoint, Runnable::run) {
            @Override
            public void onFillable() {
            }
        };
    }
}
