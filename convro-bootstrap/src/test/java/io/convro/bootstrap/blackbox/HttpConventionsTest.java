package io.convro.bootstrap.blackbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.convro.bootstrap.ConvroConfig;
import io.convro.bootstrap.ConvroServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The HTTP conventions an operator's load balancer and a browser app rely on, on the assembled server (embedded H2)
 * in both port modes: the one public port (netty relaying to Jetty in process, sends answered by the relay itself)
 * and two ports (Jetty directly).
 */
class HttpConventionsTest {
    static final String APP = "https://app.example.com";
    static final String OTHER = "https://elsewhere.example.net";
    private final List<ConvroServer> servers = new ArrayList<>();
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @AfterEach
    void stop() {
        servers.forEach(ConvroServer::close);
    }

    @ParameterizedTest(name = "two ports: {0}")
    @ValueSource(booleans = {false, true})
    void headAnswersEveryPublicGetWithItsStatusAndNoBody(boolean twoPorts) throws Exception {
        ConvroServer server = start(twoPorts, Map.of());
        for (String path : List.of("/health", "/openapi.json", "/")) {
            HttpResponse<byte[]> head = send(server, HttpRequest.newBuilder(uri(server, path))
                    .method("HEAD", HttpRequest.BodyPublishers.noBody()));
            HttpResponse<byte[]> get = send(server, HttpRequest.newBuilder(uri(server, path)).GET());
            assertThat(head.statusCode()).as("HEAD %s", path).isEqualTo(200);
            assertThat(head.body()).as("HEAD %s has no body", path).isEmpty();
            assertThat(head.headers().firstValue("Content-Type")).as("HEAD %s", path)
                    .isEqualTo(get.headers().firstValue("Content-Type"));
        }
        HttpResponse<byte[]> me = send(server, HttpRequest.newBuilder(uri(server, "/v1/auth/me"))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()));
        assertThat(me.statusCode()).as("HEAD only where GET is public").isNotEqualTo(200);
    }

    @ParameterizedTest(name = "two ports: {0}")
    @ValueSource(booleans = {false, true})
    void aListedOriginsPreflightIsAnsweredAndAnyOtherOriginGetsNoCorsHeader(boolean twoPorts) throws Exception {
        ConvroServer server = start(twoPorts, Map.of("CONVRO_CORS_ORIGINS", APP + ", http://localhost:3000"));
        for (String path : List.of("/v1/auth/login", "/v1/dm/messages/send", "/v1/dm/messages/history")) {
            HttpResponse<byte[]> preflight = send(server, preflight(server, path, APP));
            assertThat(preflight.statusCode()).as("preflight of %s", path).isEqualTo(204);
            assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).hasValue(APP);
            assertThat(preflight.headers().firstValue("Access-Control-Allow-Methods").orElse(""))
                    .contains("GET", "POST", "DELETE");
            assertThat(preflight.headers().firstValue("Access-Control-Allow-Headers").orElse("").toLowerCase())
                    .contains("authorization", "content-type");
            assertThat(preflight.headers().firstValue("Access-Control-Max-Age")).isPresent();

            HttpResponse<byte[]> refused = send(server, preflight(server, path, OTHER));
            assertThat(refused.statusCode()).as("another origin's preflight is not answered").isNotIn(200, 204);
            assertThat(refused.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        }
        // the actual requests: a REST route through Jetty, and the send (answered by the relay on the one port)
        for (String origin : List.of(APP, OTHER)) {
            HttpResponse<byte[]> health = send(server, HttpRequest.newBuilder(uri(server, "/health")).header("Origin", origin).GET());
            HttpResponse<byte[]> sendAnswer = send(server, HttpRequest.newBuilder(uri(server, "/v1/dm/messages/send"))
                    .header("Origin", origin).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{}")));
            assertThat(sendAnswer.statusCode()).isEqualTo(401);
            for (HttpResponse<byte[]> answer : List.of(health, sendAnswer)) {
                if (origin.equals(APP)) {
                    assertThat(answer.headers().firstValue("Access-Control-Allow-Origin")).as(answer.uri().getPath()).hasValue(APP);
                    assertThat(answer.headers().firstValue("Access-Control-Expose-Headers").orElse("")).contains("Retry-After");
                } else {
                    assertThat(answer.headers().firstValue("Access-Control-Allow-Origin")).as(answer.uri().getPath()).isEmpty();
                }
                assertThat(answer.headers().firstValue("Access-Control-Allow-Credentials")).isEmpty();
            }
        }
    }

    @ParameterizedTest(name = "two ports: {0}")
    @ValueSource(booleans = {false, true})
    void socketIoHandshakesAreHeldToTheSameList(boolean twoPorts) throws Exception {
        ConvroServer listed = start(twoPorts, Map.of("CONVRO_CORS_ORIGINS", APP));
        HttpResponse<byte[]> fromApp = handshake(listed, APP);
        assertThat(fromApp.statusCode()).isEqualTo(200);
        assertThat(fromApp.headers().firstValue("Access-Control-Allow-Origin")).hasValue(APP);
        HttpResponse<byte[]> fromOther = handshake(listed, OTHER);
        assertThat(fromOther.statusCode()).as("a handshake from an unlisted page is refused").isNotEqualTo(200);
        assertThat(fromOther.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();

        ConvroServer unlisted = start(twoPorts, Map.of());
        HttpResponse<byte[]> anyPage = handshake(unlisted, OTHER);
        assertThat(anyPage.statusCode()).as("no list: no other site's page").isNotEqualTo(200);
        assertThat(anyPage.headers().firstValue("Access-Control-Allow-Origin")).as("never reflected").isEmpty();
        assertThat(anyPage.headers().firstValue("Access-Control-Allow-Credentials")).isEmpty();
        assertThat(handshake(unlisted, null).statusCode()).as("a client that is no browser").isEqualTo(200);
        String own = "http://127.0.0.1:" + unlisted.socketIoPort();
        HttpResponse<byte[]> ownPage = handshake(unlisted, own);
        assertThat(ownPage.statusCode()).as("the server's own pages").isEqualTo(200);
        assertThat(ownPage.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }

    @ParameterizedTest(name = "two ports: {0}")
    @ValueSource(booleans = {false, true})
    void afterIdZeroCatchesUpFromTheFirstMessageAndBeforeIdPagesBack(boolean twoPorts) throws Exception {
        ConvroServer server = start(twoPorts, Map.of());
        BlackBoxHttp http = new BlackBoxHttp(server.port(), code -> { });
        SendBurst.Pair pair = SendBurst.Pair.open(http, "hist_" + ClientKeys.hex(4));
        String alice = pair.alice().path("accessToken").asText();
        String bob = pair.bob().path("accessToken").asText();
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(http.post(alice, "/v1/dm/messages/send", "{\"sessionId\":\"" + pair.sessionId() + "\",\"recipientDeviceId\":\""
                    + pair.bob().path("deviceId").asText() + "\",\"clientMessageId\":\"m" + i + "\",\"ciphertext\":\""
                    + Base64.getEncoder().encodeToString(new byte[] {(byte) i}) + "\",\"authTag\":\""
                    + Base64.getEncoder().encodeToString(new byte[16]) + "\"}").expect(201).path("messageId").asLong());
        }
        String history = "/v1/dm/messages/history?sessionId=" + pair.sessionId();

        JsonNode first = http.get(bob, history + "&afterId=0&limit=3").expect(200);
        assertThat(messageIds(first)).as("oldest first from the first message").containsExactly(ids.get(0), ids.get(1), ids.get(2));
        assertThat(first.path("hasMore").asBoolean()).isTrue();
        JsonNode rest = http.get(bob, history + "&afterId=" + ids.get(2) + "&limit=3").expect(200);
        assertThat(messageIds(rest)).containsExactly(ids.get(3), ids.get(4));
        assertThat(rest.path("hasMore").asBoolean()).isFalse();

        JsonNode back = http.get(bob, history + "&beforeId=" + ids.get(3) + "&limit=2").expect(200);
        assertThat(messageIds(back)).as("newest first, the cursor itself excluded").containsExactly(ids.get(2), ids.get(1));
        assertThat(back.path("hasMore").asBoolean()).isTrue();
        JsonNode oldest = http.get(bob, history + "&beforeId=" + ids.get(1) + "&limit=2").expect(200);
        assertThat(messageIds(oldest)).containsExactly(ids.get(0));
        assertThat(oldest.path("hasMore").asBoolean()).isFalse();
        assertThat(http.get(bob, history + "&beforeId=" + (ids.get(4) + 1000)).expect(200).path("messages").size())
                .as("a cursor need not be a message of the session").isEqualTo(5);

        http.get(bob, history + "&beforeId=0").expectError(400, "INVALID_QUERY");
        http.get(bob, history + "&afterId=-1").expectError(400, "INVALID_QUERY");
        http.get(bob, history + "&afterId=0&beforeId=3").expectError(400, "INVALID_QUERY");
    }

    private static List<Long> messageIds(JsonNode page) {
        List<Long> ids = new ArrayList<>();
        page.path("messages").forEach(message -> ids.add(message.path("messageId").asLong()));
        return ids;
    }

    private HttpResponse<byte[]> handshake(ConvroServer server, String origin) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.socketIoPort()
                + "/socket.io/?EIO=4&transport=polling")).GET();
        if (origin != null) {
            request.header("Origin", origin);
        }
        return send(server, request);
    }

    private static HttpRequest.Builder preflight(ConvroServer server, String path, String origin) {
        return HttpRequest.newBuilder(uri(server, path)).header("Origin", origin)
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization,content-type")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody());
    }

    private HttpResponse<byte[]> send(ConvroServer server, HttpRequest.Builder request) throws IOException, InterruptedException {
        return client.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static URI uri(ConvroServer server, String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }

    private ConvroServer start(boolean twoPorts, Map<String, String> extra) throws IOException {
        Path dataDir = Files.createTempDirectory("convro-conventions");
        Map<String, String> env = new HashMap<>();
        env.put("CONVRO_DATA_DIR", dataDir.toString());
        env.put("CONVRO_HTTP_PORT", "0");
        env.put("CONVRO_HTTP_HOST", "127.0.0.1");
        env.put("CONVRO_AUTH_RATE_LIMIT", "0");
        if (twoPorts) {
            env.put("CONVRO_SOCKETIO_PORT", "0");
        }
        env.putAll(extra);
        ConvroServer server = new ConvroServer(ConvroConfig.from(env)).start();
        servers.add(server);
        return server;
    }
}
