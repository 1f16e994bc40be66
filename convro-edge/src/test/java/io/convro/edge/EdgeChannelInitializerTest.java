package io.convro.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Black-box over real sockets: a plain netty-socketio server with the edge as its pipeline, REST requests answered
 * by an {@link EchoApi}. What the old relay to Jetty did on the wire, the one port does itself.
 */
@Timeout(60)
class EdgeChannelInitializerTest {

    private static final Pattern SID = Pattern.compile("\"sid\":\"([^\"]+)\"");

    private static EdgeServer server;
    private static EchoApi api;
    private static HttpClient http;

    @BeforeAll
    static void start() {
        server = new EdgeServer();
        api = server.api;
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static URI uri(String target) {
        return server.uri(target);
    }

    @ParameterizedTest
    @ValueSource(strings = {"GET", "POST", "PUT", "PATCH", "DELETE"})
    void methodPathQueryHeadersAndBodyReachTheApiUnchanged(String method) throws Exception {
        String path = "/v1/things/" + method.toLowerCase() + "/%C3%A9t%C3%A9";
        String body = method.equals("GET") ? "" : "{\"hello\":\"" + method + "\",\"é\":\"ü\"}";
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path + "?x=1&y=%20z&x=2"))
                .header("X-Custom", "abc")
                .header("Authorization", "Bearer t0k3n")
                .header("Content-Type", "application/json");
        request = body.isEmpty() ? request.method(method, BodyPublishers.noBody())
                : request.method(method, BodyPublishers.ofString(body));

        HttpResponse<String> response = http.send(request.build(), BodyHandlers.ofString());

        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("host", "127.0.0.1:" + server.port());
        headers.put("content-type", "application/json");
        headers.put("x-custom", "abc");
        headers.put("authorization", "Bearer t0k3n");
        headers.put("x-forwarded-for", "127.0.0.1");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(EchoApi.json(method, path, "x=1&y=%20z&x=2", headers, body));
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(api.seen(path)).singleElement().satisfies(seen -> {
            assertThat(seen.method()).isEqualTo(method);
            assertThat(seen.request().rawQuery()).isEqualTo("x=1&y=%20z&x=2");
            assertThat(seen.request().body()).isEqualTo(body.getBytes(StandardCharsets.UTF_8));
            assertThat(seen.request().header().apply("x-CUSTOM")).as("header names are case-insensitive").isEqualTo("abc");
            assertThat(seen.request().header().apply("X-Absent")).isNull();
        });
    }

    @Test
    void hundredKibibyteBodiesTravelBothWaysUnchanged() throws Exception {
        byte[] upload = new byte[100 * 1024];
        new Random(7).nextBytes(upload);

        HttpResponse<byte[]> declared = http.send(HttpRequest.newBuilder(uri("/v1/upload?as=bytes"))
                .POST(BodyPublishers.ofByteArray(upload)).build(), BodyHandlers.ofByteArray());
        // without a length the client sends it chunked: the port gathers it in growing steps
        HttpResponse<byte[]> chunked = http.send(HttpRequest.newBuilder(uri("/v1/upload-chunked?as=bytes"))
                .POST(BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(upload))).build(),
                BodyHandlers.ofByteArray());
        HttpResponse<byte[]> download = http.send(HttpRequest.newBuilder(uri("/v1/download?as=bytes&size=102400"))
                .build(), BodyHandlers.ofByteArray());

        assertThat(declared.statusCode()).isEqualTo(200);
        assertThat(declared.body()).isEqualTo(upload);
        assertThat(declared.headers().firstValue("Content-Length")).hasValue("102400");
        assertThat(chunked.statusCode()).isEqualTo(200);
        assertThat(chunked.body()).isEqualTo(upload);
        assertThat(api.seen("/v1/upload-chunked")).singleElement()
                .satisfies(seen -> assertThat(seen.headers()).containsEntry("transfer-encoding", "chunked"));
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.body()).isEqualTo(EchoApi.generated(102400));
        assertThat(server.settings.gatheredBodies().taken()).as("every gathered body given back").isZero();
    }

    @ParameterizedTest
    @ValueSource(ints = {201, 202, 400, 401, 404, 409, 413, 422, 500, 503})
    void apiStatusesAndBodiesPassThrough(int status) throws Exception {
        String body = "{\"error\":\"X\",\"message\":\"status " + status + "\"}";
        HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(uri("/v1/status?as=bytes&status=" + status))
                .POST(BodyPublishers.ofString(body)).build(), BodyHandlers.ofByteArray());

        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo(body);
        assertThat(response.headers().firstValue("X-Echo-Method")).hasValue("POST");
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/octet-stream");
    }

    @Test
    void anAnswerWithoutBodyKeepsTheConnectionInStep() throws Exception {
        try (RawHttpConnection connection = server.connect()) {
            connection.write(RawHttpConnection.request("DELETE", "/v1/nothing?status=204&h.X-Done=yes"));
            RawHttpConnection.Response none = connection.read();
            connection.write(RawHttpConnection.request("GET", "/v1/after-nothing"));
            RawHttpConnection.Response after = connection.read();

            assertThat(none.status()).isEqualTo(204);
            assertThat(none.header("X-Done")).isEqualTo("yes");
            assertThat(none.header("Content-Type")).isNull();
            assertThat(none.body()).isEmpty();
            assertThat(after.status()).isEqualTo(200);
            assertThat(after.text()).contains("\"path\":\"/v1/after-nothing\"");
        }
    }

    @Test
    void oneKeepAliveConnectionCarriesRestAndPollingRequestsInOrder() throws Exception {
        try (RawHttpConnection connection = server.connect()) {
            connection.write(RawHttpConnection.request("GET", "/v1/first"));
            RawHttpConnection.Response first = connection.read();

            connection.write(RawHttpConnection.request("GET", "/socket.io/?EIO=4&transport=polling"));
            RawHttpConnection.Response handshake = connection.read();

            connection.write(RawHttpConnection.requestWithBody("POST", "/v1/second?as=bytes", "payload-2"));
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
            assertThat(first.text()).contains("\"method\":\"GET\",\"path\":\"/v1/first\"");
            assertThat(handshake.status()).isEqualTo(200);
            assertThat(handshake.text()).startsWith("0{").contains("\"sid\"");
            assertThat(second.status()).isEqualTo(200);
            assertThat(second.text()).isEqualTo("payload-2");
            assertThat(namespaceConnect.status()).isEqualTo(200);
            assertThat(namespaceConnect.text()).isEqualTo("ok");
            assertThat(poll.status()).isEqualTo(200);
            assertThat(poll.text()).startsWith("40");
            assertThat(third.status()).isEqualTo(200);
            assertThat(third.text()).contains("\"method\":\"DELETE\",\"path\":\"/v1/third\"");
            assertThat(api.seen()).noneMatch(seen -> seen.path().startsWith("/socket.io"));
        }
    }

    @Test
    void pipelinedRequestsAreAnsweredInOrder() throws Exception {
        try (RawHttpConnection connection = server.connect()) {
            // the first answer comes last from the API: the others wait behind it
            connection.write(RawHttpConnection.requestWithBody("POST", "/v1/a?as=bytes&delay=150", "A")
                    + RawHttpConnection.request("GET", "/socket.io/?EIO=4&transport=polling")
                    + RawHttpConnection.request("GET", "/v1/b?as=bytes&size=20000")
                    + RawHttpConnection.requestWithBody("PUT", "/v1/c?as=bytes", "C")
                    + RawHttpConnection.request("GET", "/v1/d?delay=50")
                    + RawHttpConnection.request("GET", "/v1/e"));

            RawHttpConnection.Response a = connection.read();
            RawHttpConnection.Response handshake = connection.read();
            RawHttpConnection.Response b = connection.read();
            RawHttpConnection.Response c = connection.read();
            RawHttpConnection.Response d = connection.read();
            RawHttpConnection.Response e = connection.read();

            assertThat(a.text()).isEqualTo("A");
            assertThat(handshake.text()).startsWith("0{");
            assertThat(b.body()).isEqualTo(EchoApi.generated(20000));
            assertThat(c.header("X-Echo-Method")).isEqualTo("PUT");
            assertThat(c.text()).isEqualTo("C");
            assertThat(d.text()).contains("\"path\":\"/v1/d\"");
            assertThat(e.text()).contains("\"path\":\"/v1/e\"");
        }
    }

    @Test
    void manyPipelinedRequestsAndAClientSlowToReadAreAllAnsweredInOrder() throws Exception {
        int requests = 120;
        StringBuilder all = new StringBuilder();
        for (int i = 0; i < requests; i++) {
            // every tenth asks for 100 KiB: the answers pile up while the client is still writing
            all.append(RawHttpConnection.request("GET", "/v1/many/" + i + "?as=bytes" + (i % 10 == 0 ? "&size=102400" : "")));
        }
        try (RawHttpConnection connection = server.connect()) {
            Thread writer = new Thread(() -> {
                try {
                    connection.write(all.toString());
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }, "pipelining-writer");
            writer.start();
            for (int i = 0; i < requests; i++) {
                RawHttpConnection.Response response = connection.read();
                assertThat(response.status()).isEqualTo(200);
                assertThat(response.header("X-Echo-Path")).isEqualTo("/v1/many/" + i);
                assertThat(response.body()).hasSize(i % 10 == 0 ? 102400 : 0);
            }
            writer.join(10_000);
        }
    }

    @Test
    void aChunkedRequestBodyReachesTheApiWhole() throws Exception {
        try (RawHttpConnection connection = server.connect()) {
            connection.write("POST /v1/stream?as=bytes HTTP/1.1\r\nHost: edge.test\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + "5\r\nhello\r\n");
            connection.write("6\r\n world\r\n");
            connection.write("0\r\n\r\n");

            RawHttpConnection.Response response = connection.read();

            assertThat(response.status()).isEqualTo(200);
            assertThat(response.text()).isEqualTo("hello world");
            assertThat(response.header("Content-Length")).isEqualTo("11");
            assertThat(api.seen("/v1/stream")).singleElement().satisfies(seen -> {
                assertThat(seen.body()).isEqualTo("hello world");
                assertThat(seen.headers()).containsEntry("transfer-encoding", "chunked");
            });
        }
    }

    @Test
    void connectionCloseIsHonouredForRestAndSocketIoRequests() throws Exception {
        try (RawHttpConnection rest = server.connect();
             RawHttpConnection socketIo = server.connect()) {
            rest.readTimeout(Duration.ofSeconds(5));
            socketIo.readTimeout(Duration.ofSeconds(5));
            // what is pipelined behind Connection: close is not served
            rest.write(RawHttpConnection.request("GET", "/v1/bye", "Connection: close")
                    + RawHttpConnection.request("GET", "/v1/behind-bye"));
            socketIo.write(RawHttpConnection.request("GET", "/socket.io/?EIO=4&transport=polling", "Connection: close"));

            RawHttpConnection.Response restResponse = rest.read();
            RawHttpConnection.Response socketIoResponse = socketIo.read();

            assertThat(restResponse.status()).isEqualTo(200);
            assertThat(restResponse.header("Connection")).isEqualToIgnoringCase("close");
            assertThat(restResponse.text()).contains("\"path\":\"/v1/bye\"");
            assertThat(rest.closedByServer()).isTrue();
            assertThat(socketIoResponse.text()).startsWith("0{");
            assertThat(socketIo.closedByServer()).isTrue();
        }
        assertThat(api.seen("/v1/behind-bye")).isEmpty();
    }

    @Test
    void anApiAnswerSayingConnectionCloseEndsTheConnection() throws Exception {
        try (RawHttpConnection connection = server.connect()) {
            connection.readTimeout(Duration.ofSeconds(5));
            connection.write(RawHttpConnection.request("GET", "/v1/stop?status=400&h.Connection=close")
                    + RawHttpConnection.request("GET", "/v1/never"));

            RawHttpConnection.Response response = connection.read();

            assertThat(response.status()).isEqualTo(400);
            assertThat(response.header("Connection")).isEqualToIgnoringCase("close");
            assertThat(connection.closedByServer()).isTrue();
        }
        assertThat(api.seen("/v1/never")).isEmpty();
    }

    @Test
    void anHttp10ClientGetsALengthDelimitedAnswerAndTheConnectionCloses() throws Exception {
        try (RawHttpConnection connection = server.connect()) {
            connection.readTimeout(Duration.ofSeconds(5));
            connection.write("GET /v1/old?as=bytes&size=3000 HTTP/1.0\r\n\r\n");

            RawHttpConnection.Response response = connection.read();

            assertThat(connection.lastStatusLine()).startsWith("HTTP/1.0 200");
            assertThat(response.header("Transfer-Encoding")).isNull();
            assertThat(response.header("Content-Length")).isEqualTo("3000");
            assertThat(response.header("Connection")).isEqualToIgnoringCase("close");
            assertThat(response.body()).isEqualTo(EchoApi.generated(3000));
            assertThat(connection.closedByServer()).isTrue();
        }
        assertThat(api.seen("/v1/old")).singleElement()
                .satisfies(seen -> assertThat(seen.headers()).doesNotContainKey("host"));
    }

    @Test
    void anHttp10ClientThatAsksForKeepAliveKeepsItsConnection() throws Exception {
        try (RawHttpConnection connection = server.connect()) {
            connection.write("POST /v1/old-kept?as=bytes HTTP/1.0\r\nConnection: keep-alive\r\nContent-Length: 4\r\n\r\nkept");
            RawHttpConnection.Response first = connection.read();
            connection.write("POST /v1/old-kept?as=bytes HTTP/1.0\r\nContent-Length: 5\r\n\r\nagain");
            RawHttpConnection.Response second = connection.read();

            assertThat(first.text()).isEqualTo("kept");
            assertThat(first.header("Connection")).isEqualToIgnoringCase("keep-alive");
            assertThat(second.text()).isEqualTo("again");
            assertThat(second.header("Connection")).isEqualToIgnoringCase("close");
            connection.readTimeout(Duration.ofSeconds(5));
            assertThat(connection.closedByServer()).isTrue();
        }
    }

    @Test
    void aRoutesRetryAfterReachesTheClient() throws Exception {
        try (RawHttpConnection connection = server.connect()) {
            connection.write(RawHttpConnection.requestWithBody("POST", "/v1/limited-rate?status=429&h.Retry-After=7", "x"));
            RawHttpConnection.Response response = connection.read();

            assertThat(response.status()).isEqualTo(429);
            assertThat(response.header("Retry-After")).isEqualTo("7");
            assertThat(response.header("Connection")).isNull();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"fail", "throw", "null", "fail&delay=20"})
    void anApiThatFailsIsAnswered500AndTheConnectionGoesOn(String how) throws Exception {
        try (RawHttpConnection connection = server.connect()) {
            connection.write(RawHttpConnection.requestWithBody("POST", "/v1/broken?" + how, "x"));
            RawHttpConnection.Response failed = connection.read();
            connection.write(RawHttpConnection.requestWithBody("POST", "/v1/after-broken?as=bytes", "after"));
            RawHttpConnection.Response after = connection.read();

            assertThat(failed.status()).isEqualTo(500);
            assertThat(failed.header("Content-Type")).isEqualTo("application/json");
            assertThat(failed.text()).isEqualTo("{\"error\":\"INTERNAL_ERROR\",\"message\":\"internal error\"}");
            assertThat(failed.header("Connection")).isNull();
            assertThat(after.status()).isEqualTo(200);
            assertThat(after.text()).isEqualTo("after");
        }
    }

    @Test
    void aClientThatLeavesBeforeItsAnswerDoesNotDisturbOthers() throws Exception {
        try (RawHttpConnection staying = server.connect()) {
            try (RawHttpConnection leaving = server.connect()) {
                leaving.write(RawHttpConnection.requestWithBody("POST", "/v1/gone?hold=gone", "gone"));
                await().atMost(Duration.ofSeconds(5)).until(() -> !api.seen("/v1/gone").isEmpty());
                // the one staying has a request under way too, answered after the other left
                staying.write(RawHttpConnection.requestWithBody("POST", "/v1/staying?as=bytes&hold=gone", "still here"));
                await().atMost(Duration.ofSeconds(5)).until(() -> !api.seen("/v1/staying").isEmpty());
            }
            api.release("gone");

            RawHttpConnection.Response answer = staying.read();
            staying.write(RawHttpConnection.requestWithBody("POST", "/v1/staying?as=bytes", "and again"));
            RawHttpConnection.Response next = staying.read();

            assertThat(answer.status()).isEqualTo(200);
            assertThat(answer.text()).isEqualTo("still here");
            assertThat(next.text()).isEqualTo("and again");
        }
        try (RawHttpConnection later = server.connect()) {
            later.write(RawHttpConnection.request("GET", "/v1/later"));
            assertThat(later.read().status()).isEqualTo(200);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"websocket", "polling"})
    void aSocketIoClientConnectsThroughTheSamePortWhileRestIsAnswered(String transport) throws Exception {
        try (SocketIoClient socket = new SocketIoClient(server.port(), transport)) {
            socket.connected().get(20, TimeUnit.SECONDS);
            Object ack = socket.emitWithAck("echo", "hi").get(20, TimeUnit.SECONDS);

            HttpResponse<String> rest = http.send(HttpRequest.newBuilder(uri("/v1/while-connected?as=bytes"))
                    .POST(BodyPublishers.ofString("still REST")).build(), BodyHandlers.ofString());
            Object second = socket.emitWithAck("echo", "again").get(20, TimeUnit.SECONDS);

            assertThat(ack).isEqualTo("echo:hi");
            assertThat(second).isEqualTo("echo:again");
            assertThat(rest.statusCode()).isEqualTo(200);
            assertThat(rest.body()).isEqualTo("still REST");
            assertThat(socket.transport()).isEqualTo(transport);
            assertThat(socket.isConnected()).isTrue();
        }
    }

    private static String sidOf(String handshakeBody) {
        Matcher m = SID.matcher(handshakeBody);
        assertThat(m.find()).as("sid in %s", handshakeBody).isTrue();
        return m.group(1);
    }
}
