package io.convro.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Black-box over real sockets: requests the port refuses itself, in the API's words ({@link RestApi#refusal}), and
 * closes the connection after; the API never sees them. Bodies over their path's limit, bodies too slow, the node's
 * budget for gathered bodies spent, requests that are not valid HTTP or whose target is malformed.
 */
@Timeout(60)
class RefusalsTest {

    private static final Duration BODY_TIMEOUT = Duration.ofMillis(1000);
    private static final Duration KEEP_ALIVE_TIMEOUT = Duration.ofMillis(1000);
    private static final long BUDGET = 1000;

    private static EdgeServer server;
    private static EchoApi api;
    /** Short body deadline and keep-alive timeout. */
    private static EdgeServer strict;
    /** A node-wide budget of {@link #BUDGET} bytes for gathered bodies. */
    private static EdgeServer tight;

    @BeforeAll
    static void start() {
        server = new EdgeServer();
        api = server.api;
        strict = new EdgeServer(settings -> settings.withBodyTimeout(BODY_TIMEOUT).withKeepAliveTimeout(KEEP_ALIVE_TIMEOUT));
        tight = new EdgeServer(settings -> settings.withGatheredBodies(new GatheredBodies(BUDGET)));
    }

    @AfterAll
    static void stop() {
        EdgeServer.closeAll(server, strict, tight);
    }

    private static String refusal(int status, String path) {
        return "{\"error\":\"REFUSED\",\"status\":" + status + ",\"path\":" + (path == null ? "null" : "\"" + path + "\"") + "}";
    }

    private static void assertRefused(RawHttpConnection connection, RawHttpConnection.Response response, int status,
                                      String path) throws Exception {
        assertThat(response.status()).isEqualTo(status);
        assertThat(response.text()).isEqualTo(refusal(status, path));
        assertThat(response.header("X-Refused-By")).isEqualTo("echo-api");
        assertThat(response.header("Content-Type")).isEqualTo("application/json");
        assertThat(response.header("Content-Length")).isEqualTo(Integer.toString(response.body().length));
        assertThat(response.header("Connection")).isEqualToIgnoringCase("close");
        connection.readTimeout(Duration.ofSeconds(5));
        assertThat(connection.closedByServer()).as("the connection closes after a refusal").isTrue();
    }

    @Test
    void aBodyOverTheLimitByItsContentLengthIs413AndNeverReachesTheApi() throws Exception {
        int asked = api.count();
        try (RawHttpConnection connection = server.connect()) {
            // all of it sent: the port reads and drops it, so the client gets the answer, not a reset
            connection.write(RawHttpConnection.requestWithBody("POST", "/limited/declared", "x".repeat(300 * 1024)));

            assertRefused(connection, connection.read(), 413, "/limited/declared");
        }
        assertThat(api.count()).isEqualTo(asked);
        assertThat(api.refused()).contains(new EchoApi.Refused(413, "/limited/declared"));
    }

    @Test
    void aBodyOfExactlyTheLimitIsAnswered() throws Exception {
        try (RawHttpConnection connection = server.connect()) {
            connection.write(RawHttpConnection.requestWithBody("POST", "/limited/exact?as=bytes", "y".repeat(EchoApi.SMALL_LIMIT)));
            RawHttpConnection.Response response = connection.read();

            assertThat(response.status()).isEqualTo(200);
            assertThat(response.body()).hasSize(EchoApi.SMALL_LIMIT);
        }
    }

    @Test
    void aChunkedBodyThatGoesPastTheLimitIs413AndNeverReachesTheApi() throws Exception {
        int asked = api.count();
        String part = "z".repeat(600);
        try (RawHttpConnection connection = server.connect()) {
            connection.write("POST /limited/streamed HTTP/1.1\r\nHost: edge.test\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + Integer.toHexString(part.length()) + "\r\n" + part + "\r\n");
            connection.write(Integer.toHexString(part.length()) + "\r\n" + part + "\r\n0\r\n\r\n");

            assertRefused(connection, connection.read(), 413, "/limited/streamed");
        }
        assertThat(api.count()).isEqualTo(asked);
        await().atMost(Duration.ofSeconds(5)).until(() -> server.settings.gatheredBodies().taken() == 0);
    }

    @Test
    void aBodyOverTheLimitThatWaitsFor100ContinueIsRefusedWithoutIt() throws Exception {
        int asked = api.count();
        try (RawHttpConnection connection = server.connect()) {
            connection.write("POST /limited/expecting HTTP/1.1\r\nHost: edge.test\r\nExpect: 100-continue\r\n"
                    + "Content-Length: " + (EchoApi.SMALL_LIMIT + 1) + "\r\n\r\n");

            assertRefused(connection, connection.read(), 413, "/limited/expecting");
        }
        assertThat(api.count()).isEqualTo(asked);
    }

    @Test
    void aRequestLineTooLongIs413() throws Exception {
        int asked = api.count();
        try (RawHttpConnection connection = server.connect()) {
            connection.write(RawHttpConnection.request("GET", "/v1/" + "a".repeat(10_000)));

            assertRefused(connection, connection.read(), 413, null);
        }
        assertThat(api.count()).isEqualTo(asked);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "GET /a/../b HTTP/1.1\r\nHost: edge.test\r\n\r\n",
            "GET /a/%2e%2E/b HTTP/1.1\r\nHost: edge.test\r\n\r\n",
            "GET /a/./b HTTP/1.1\r\nHost: edge.test\r\n\r\n",
            "GET /a%zz HTTP/1.1\r\nHost: edge.test\r\n\r\n",
            "GET /a%00b HTTP/1.1\r\nHost: edge.test\r\n\r\n",
            "GET /a?q=%0a HTTP/1.1\r\nHost: edge.test\r\n\r\n",
            "GET /%ff HTTP/1.1\r\nHost: edge.test\r\n\r\n",
            "GET http://edge.test/v1/x HTTP/1.1\r\nHost: edge.test\r\n\r\n",
            "GET /socket.io/../v1/x HTTP/1.1\r\nHost: edge.test\r\n\r\n",
            "GET /v1/x HTPP/1.1\r\nHost: edge.test\r\n\r\n",
            "GET /v1/x HTTP/1.1\r\nNo colon here\r\n\r\n",
            "GET /v1/x HTTP/9.9\r\nHost: edge.test\r\n\r\n",
            "GET /v1/x HTTP/1.2\r\nHost: edge.test\r\n\r\n",
            "GET /v1/x XTTP/1.1\r\nHost: edge.test\r\n\r\n",
            "POST /v1/x HTTP/1.1\r\nHost: edge.test\r\nContent-Length: abc\r\n\r\n",
            "POST /v1/x HTTP/1.1\r\nHost: edge.test\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n",
    })
    void aMalformedRequestIs400AndNeverReachesTheApi(String request) throws Exception {
        int asked = api.count();
        try (RawHttpConnection connection = server.connect()) {
            connection.write(request);

            assertRefused(connection, connection.read(), 400, null);
        }
        assertThat(api.count()).isEqualTo(asked);
    }

    @Test
    void aMalformedRequestBehindAGoodOneIsAnsweredInTurn() throws Exception {
        try (RawHttpConnection connection = server.connect()) {
            connection.write(RawHttpConnection.request("GET", "/v1/good?delay=50") + "GET /a/../b HTTP/1.1\r\n\r\n");

            RawHttpConnection.Response good = connection.read();
            assertThat(good.status()).isEqualTo(200);
            assertThat(good.text()).contains("\"path\":\"/v1/good\"");
            assertRefused(connection, connection.read(), 400, null);
        }
    }

    @Test
    void aBodyThatIsTooSlowIs408() throws Exception {
        try (RawHttpConnection connection = strict.connect()) {
            long started = System.nanoTime();
            connection.write("POST /v1/slow HTTP/1.1\r\nHost: edge.test\r\nContent-Length: 10\r\n\r\nabc");

            RawHttpConnection.Response response = connection.read();

            assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(BODY_TIMEOUT.minusMillis(50));
            assertRefused(connection, response, 408, null);
        }
        try (RawHttpConnection chunked = strict.connect()) {
            chunked.write("POST /v1/slow-chunks HTTP/1.1\r\nHost: edge.test\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n");

            assertRefused(chunked, chunked.read(), 408, null);
        }
        assertThat(strict.api.seen("/v1/slow")).isEmpty();
        assertThat(strict.api.seen("/v1/slow-chunks")).isEmpty();
        await().atMost(Duration.ofSeconds(5)).until(() -> strict.settings.gatheredBodies().taken() == 0);
        // a body that keeps to the deadline is answered
        try (RawHttpConnection inTime = strict.connect()) {
            inTime.write("POST /v1/in-time?as=bytes HTTP/1.1\r\nHost: edge.test\r\nContent-Length: 6\r\n\r\nabc");
            inTime.write("def");
            assertThat(inTime.read().text()).isEqualTo("abcdef");
        }
    }

    @Test
    void whenTheGatheredBodiesBudgetIsSpentARequestIs503() throws Exception {
        try (RawHttpConnection holding = tight.connect(); RawHttpConnection refused = tight.connect()) {
            // one body under way holds 800 of the 1000 bytes
            holding.write("POST /v1/holding?as=bytes HTTP/1.1\r\nHost: edge.test\r\nContent-Length: 800\r\n\r\n"
                    + "h".repeat(100));
            await().atMost(Duration.ofSeconds(5)).until(() -> tight.settings.gatheredBodies().taken() == 800);

            refused.write(RawHttpConnection.requestWithBody("POST", "/v1/no-room", "n".repeat(300)));
            assertRefused(refused, refused.read(), 503, null);

            holding.write("h".repeat(700));
            RawHttpConnection.Response held = holding.read();
            assertThat(held.status()).isEqualTo(200);
            assertThat(held.body()).hasSize(800);
        }
        assertThat(tight.api.seen("/v1/no-room")).isEmpty();
        await().atMost(Duration.ofSeconds(5)).until(() -> tight.settings.gatheredBodies().taken() == 0);
        // room again once the other body was answered
        try (RawHttpConnection again = tight.connect()) {
            again.write(RawHttpConnection.requestWithBody("POST", "/v1/no-room?as=bytes", "n".repeat(300)));
            assertThat(again.read().text()).isEqualTo("n".repeat(300));
        }
    }

    @Test
    void aRequestWithoutBodyNeedsNoRoomForOne() throws Exception {
        try (RawHttpConnection holding = tight.connect(); RawHttpConnection bodiless = tight.connect()) {
            holding.write("POST /v1/holding-all?as=bytes HTTP/1.1\r\nHost: edge.test\r\nContent-Length: " + BUDGET
                    + "\r\n\r\n" + "h".repeat(10));
            await().atMost(Duration.ofSeconds(5)).until(() -> tight.settings.gatheredBodies().taken() == BUDGET);

            // no Content-Length, no Transfer-Encoding: no body (RFC 9112, 6.3), so nothing to gather
            bodiless.write(RawHttpConnection.request("GET", "/v1/bodiless") + RawHttpConnection.request("DELETE", "/v1/bodiless"));
            RawHttpConnection.Response get = bodiless.read();
            RawHttpConnection.Response delete = bodiless.read();

            assertThat(get.status()).isEqualTo(200);
            assertThat(delete.status()).isEqualTo(200);
            holding.write("h".repeat((int) BUDGET - 10));
            assertThat(holding.read().body()).hasSize((int) BUDGET);
        }
        assertThat(tight.api.seen("/v1/bodiless")).extracting(EchoApi.Seen::method).containsExactly("GET", "DELETE");
    }

    @Test
    void aPipelinedRequestWhoseBodyIsTooSlowIs408AfterTheAnswersBeforeIt() throws Exception {
        try (RawHttpConnection connection = strict.connect()) {
            connection.write(RawHttpConnection.request("GET", "/v1/before-slow?delay=50")
                    + "POST /v1/slow-behind HTTP/1.1\r\nHost: edge.test\r\nContent-Length: 10\r\n\r\nabc");

            RawHttpConnection.Response before = connection.read();
            assertThat(before.status()).isEqualTo(200);
            assertThat(before.text()).contains("\"path\":\"/v1/before-slow\"");
            assertRefused(connection, connection.read(), 408, null);
        }
        assertThat(strict.api.seen("/v1/slow-behind")).isEmpty();
    }

    @Test
    void anIdleKeepAliveConnectionIsClosed() throws Exception {
        try (RawHttpConnection connection = strict.connect()) {
            connection.write(RawHttpConnection.request("GET", "/v1/once"));
            assertThat(connection.read().status()).isEqualTo(200);
            long answered = System.nanoTime();

            connection.readTimeout(Duration.ofSeconds(5));
            assertThat(connection.closedByServer()).isTrue();
            assertThat(Duration.ofNanos(System.nanoTime() - answered)).isGreaterThanOrEqualTo(KEEP_ALIVE_TIMEOUT.minusMillis(50));
        }
    }
}
