package io.convro.adapter.socketio.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.corundumstudio.socketio.Configuration;
import com.corundumstudio.socketio.SocketIOServer;
import io.socket.client.Ack;
import io.socket.client.IO;
import io.socket.client.Socket;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Black-box over real sockets: a netty-socketio server with the relay in front of a JDK echo backend. */
class RelayingChannelInitializerTest {

    private static final Pattern SID = Pattern.compile("\"sid\":\"([^\"]+)\"");

    private static EchoBackend backend;
    private static SocketIOServer server;
    private static InetSocketAddress publicAddress;
    private static HttpClient http;

    @BeforeAll
    static void start() throws IOException {
        backend = new EchoBackend();
        server = socketIoServer(new RelayingChannelInitializer(backend.address()));
        server.addEventListener("echo", String.class, (client, data, ack) -> ack.sendAckData("echo:" + data));
        server.start();
        publicAddress = new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getConfiguration().getPort());
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    }

    @AfterAll
    static void stop() {
        server.stop();
        backend.close();
    }

    static SocketIOServer socketIoServer(RelayingChannelInitializer initializer) throws IOException {
        Configuration config = new Configuration();
        config.setHostname("127.0.0.1");
        config.setPort(freePort());
        SocketIOServer socketIo = new SocketIOServer(config);
        socketIo.setPipelineFactory(initializer);
        return socketIo;
    }

    static int freePort() throws IOException {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        }
    }

    private static URI uri(String target) {
        return URI.create("http://127.0.0.1:" + publicAddress.getPort() + target);
    }

    @ParameterizedTest
    @ValueSource(strings = {"GET", "POST", "PUT", "DELETE"})
    void relaysMethodUriHeadersBodyAndStatusUnchanged(String method) throws Exception {
        String body = method.equals("GET") ? "" : "{\"hello\":\"" + method + "\"}";
        HttpRequest.Builder request = HttpRequest.newBuilder(uri("/v1/things/42?x=1&y=%20z"))
                .header("X-Custom", "abc")
                .header("Content-Type", "application/json");
        request = body.isEmpty() ? request.method(method, BodyPublishers.noBody())
                : request.method(method, BodyPublishers.ofString(body));

        HttpResponse<String> response = http.send(request.build(), BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(body);
        assertThat(response.headers().firstValue("X-Echo-Method")).hasValue(method);
        assertThat(response.headers().firstValue("X-Echo-Uri")).hasValue("/v1/things/42?x=1&y=%20z");
        assertThat(response.headers().firstValue("X-Echo-X-Custom")).hasValue("abc");
        assertThat(response.headers().firstValue("X-Echo-Content-Type")).hasValue("application/json");
        assertThat(response.headers().firstValue("X-Backend")).hasValue("echo");
        assertThat(response.headers().firstValue("X-Echo-X-Forwarded-For")).hasValue("127.0.0.1");
        assertThat(response.headers().firstValue("X-Echo-X-Forwarded-Proto")).hasValue("http");
        assertThat(response.headers().firstValue("X-Echo-X-Forwarded-Host"))
                .hasValue("127.0.0.1:" + publicAddress.getPort());
        assertThat(response.headers().firstValue("X-Echo-Host")).hasValue("127.0.0.1:" + publicAddress.getPort());
    }

    @Test
    void hundredKibibyteBodiesTravelBothWaysUnchanged() throws Exception {
        byte[] upload = new byte[100 * 1024];
        new Random(7).nextBytes(upload);

        HttpResponse<byte[]> echoed = http.send(HttpRequest.newBuilder(uri("/v1/upload"))
                .POST(BodyPublishers.ofByteArray(upload)).build(), BodyHandlers.ofByteArray());
        HttpResponse<byte[]> chunkedDownload = http.send(HttpRequest.newBuilder(
                uri("/v1/download?size=102400&chunked=true")).build(), BodyHandlers.ofByteArray());

        assertThat(echoed.statusCode()).isEqualTo(200);
        assertThat(echoed.body()).isEqualTo(upload);
        assertThat(chunkedDownload.statusCode()).isEqualTo(200);
        assertThat(chunkedDownload.body()).isEqualTo(EchoBackend.generated(102400));
    }

    @ParameterizedTest
    @ValueSource(ints = {404, 500, 413, 201})
    void backendStatusesAndErrorBodiesPassThrough(int status) throws Exception {
        String body = "{\"error\":\"X\",\"message\":\"status " + status + "\"}";
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri("/v1/status?status=" + status))
                .POST(BodyPublishers.ofString(body)).build(), BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.body()).isEqualTo(body);
        assertThat(response.headers().firstValue("X-Backend")).hasValue("echo");
    }

    @Test
    void oneKeepAliveConnectionCarriesRestAndPollingRequestsInOrder() throws Exception {
        try (RawHttpConnection connection = new RawHttpConnection(publicAddress)) {
            connection.write(RawHttpConnection.request("GET", "/v1/first"));
            RawHttpConnection.Response first = connection.read();

            connection.write(RawHttpConnection.request("GET", "/socket.io/?EIO=4&transport=polling"));
            RawHttpConnection.Response handshake = connection.read();

            connection.write(RawHttpConnection.requestWithBody("POST", "/v1/second", "payload-2"));
            RawHttpConnection.Response second = connection.read();

            String sid = sidOf(handshake.text());
            String pollingTarget = "/socket.io/?EIO=4&transport=polling&sid=" + sid;
            connection.write(RawHttpConnection.requestWithBody("POST", pollingTarget, "40",
                    "Content-Type: text/plain;charset=UTF-8"));
            RawHttpConnection.Response namespaceConnect = connection.read();

            connection.write(RawHttpConnection.request("GET", pollingTarget));
            RawHttpConnection.Response poll = connection.read();

            connection.write(RawHttpConnection.request("DELETE", "/v1/third"));
            RawHttpConnection.Response third = connection.read();

            assertThat(first.status()).isEqualTo(200);
            assertThat(first.header("X-Echo-Uri")).isEqualTo("/v1/first");
            assertThat(handshake.status()).isEqualTo(200);
            assertThat(handshake.text()).startsWith("0{").contains("\"sid\"");
            assertThat(second.status()).isEqualTo(200);
            assertThat(second.text()).isEqualTo("payload-2");
            assertThat(namespaceConnect.status()).isEqualTo(200);
            assertThat(namespaceConnect.text()).isEqualTo("ok");
            assertThat(poll.status()).isEqualTo(200);
            assertThat(poll.text()).startsWith("40");
            assertThat(third.status()).isEqualTo(200);
            assertThat(third.header("X-Echo-Method")).isEqualTo("DELETE");
        }
    }

    @Test
    void pipelinedRequestsAreAnsweredInOrder() throws Exception {
        try (RawHttpConnection connection = new RawHttpConnection(publicAddress)) {
            connection.write(RawHttpConnection.requestWithBody("POST", "/v1/a", "A")
                    + RawHttpConnection.request("GET", "/socket.io/?EIO=4&transport=polling")
                    + RawHttpConnection.request("GET", "/v1/b?size=20000&chunked=true")
                    + RawHttpConnection.requestWithBody("PUT", "/v1/c", "C"));

            RawHttpConnection.Response a = connection.read();
            RawHttpConnection.Response handshake = connection.read();
            RawHttpConnection.Response b = connection.read();
            RawHttpConnection.Response c = connection.read();

            assertThat(a.text()).isEqualTo("A");
            assertThat(handshake.text()).startsWith("0{");
            assertThat(b.body()).isEqualTo(EchoBackend.generated(20000));
            assertThat(c.header("X-Echo-Method")).isEqualTo("PUT");
            assertThat(c.text()).isEqualTo("C");
        }
    }

    @Test
    void chunkedRequestBodyIsStreamedToTheBackend() throws Exception {
        try (RawHttpConnection connection = new RawHttpConnection(publicAddress)) {
            connection.write("POST /v1/stream HTTP/1.1\r\nHost: relay.test\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + "5\r\nhello\r\n");
            connection.write("6\r\n world\r\n0\r\n\r\n");

            RawHttpConnection.Response response = connection.read();

            assertThat(response.status()).isEqualTo(200);
            assertThat(response.text()).isEqualTo("hello world");
            assertThat(response.header("X-Echo-Transfer-Encoding")).isEqualTo("chunked");
        }
    }

    @Test
    void connectionCloseIsHonouredForRestAndSocketIoRequests() throws Exception {
        try (RawHttpConnection rest = new RawHttpConnection(publicAddress);
             RawHttpConnection socketIo = new RawHttpConnection(publicAddress)) {
            rest.write(RawHttpConnection.request("GET", "/v1/bye", "Connection: close"));
            socketIo.write(RawHttpConnection.request("GET", "/socket.io/?EIO=4&transport=polling", "Connection: close"));

            RawHttpConnection.Response restResponse = rest.read();
            RawHttpConnection.Response socketIoResponse = socketIo.read();

            assertThat(restResponse.status()).isEqualTo(200);
            assertThat(restResponse.header("Connection")).isEqualToIgnoringCase("close");
            assertThat(restResponse.header("X-Echo-Connection")).isNull();
            assertThat(rest.closedByServer()).isTrue();
            assertThat(socketIoResponse.text()).startsWith("0{");
            assertThat(socketIo.closedByServer()).isTrue();
        }
    }

    @Test
    void http10ClientGetsItsAnswerCloseDelimitedWhenTheBackendStreams() throws Exception {
        try (RawHttpConnection connection = new RawHttpConnection(publicAddress)) {
            connection.write("GET /v1/old?size=3000&chunked=true HTTP/1.0\r\n\r\n");

            RawHttpConnection.Response response = connection.read();

            assertThat(response.status()).isEqualTo(200);
            assertThat(response.header("Transfer-Encoding")).isNull();
            assertThat(response.body()).isEqualTo(EchoBackend.generated(3000));
            assertThat(response.header("X-Echo-Host")).isEqualTo(
                    backend.address().getHostString() + ":" + backend.address().getPort());
        }
    }

    @Test
    void backendDownAnswers503JsonAndKeepsTheConnection() throws Exception {
        InetSocketAddress nobody = new InetSocketAddress(InetAddress.getLoopbackAddress(), freePort());
        SocketIOServer lonely = socketIoServer(new RelayingChannelInitializer(nobody));
        lonely.start();
        try (RawHttpConnection connection = new RawHttpConnection(
                new InetSocketAddress(InetAddress.getLoopbackAddress(), lonely.getConfiguration().getPort()))) {
            connection.write(RawHttpConnection.request("GET", "/health"));
            RawHttpConnection.Response first = connection.read();
            connection.write(RawHttpConnection.requestWithBody("POST", "/v1/dm/messages/send", "{}"));
            RawHttpConnection.Response second = connection.read();
            connection.write(RawHttpConnection.request("GET", "/socket.io/?EIO=4&transport=polling"));
            RawHttpConnection.Response realtimeStillUp = connection.read();

            for (RawHttpConnection.Response r : new RawHttpConnection.Response[] {first, second}) {
                assertThat(r.status()).isEqualTo(503);
                assertThat(r.header("Content-Type")).isEqualTo("application/json");
                assertThat(r.header("Retry-After")).isEqualTo("2");
                assertThat(r.text()).startsWith("{\"error\":\"SERVICE_UNAVAILABLE\",\"message\":\"");
            }
            assertThat(realtimeStillUp.text()).startsWith("0{");
        } finally {
            lonely.stop();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"websocket", "polling"})
    void socketIoClientConnectsThroughTheSamePortWhileRestIsRelayed(String transport) throws Exception {
        IO.Options options = IO.Options.builder()
                .setTransports(new String[] {transport})
                .setForceNew(true)
                .setReconnection(false)
                .build();
        Socket socket = IO.socket(uri(""), options);
        AtomicReference<Object> ack = new AtomicReference<>();
        try {
            socket.on(Socket.EVENT_CONNECT, args -> socket.emit("echo", new Object[] {"hi"}, (Ack) reply -> ack.set(reply[0])));
            socket.connect();

            HttpResponse<String> rest = http.send(HttpRequest.newBuilder(uri("/v1/while-connected"))
                    .POST(BodyPublishers.ofString("still REST")).build(), BodyHandlers.ofString());

            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(ack.get()).isEqualTo("echo:hi"));
            assertThat(rest.statusCode()).isEqualTo(200);
            assertThat(rest.body()).isEqualTo("still REST");
            assertThat(socket.connected()).isTrue();
        } finally {
            socket.close();
        }
    }

    private static String sidOf(String handshakeBody) {
        Matcher m = SID.matcher(handshakeBody);
        assertThat(m.find()).as("sid in %s", handshakeBody).isTrue();
        return m.group(1);
    }
}
