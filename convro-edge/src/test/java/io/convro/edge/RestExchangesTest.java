package io.convro.edge;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Black-box over real sockets: how the port writes what the {@link RestApi} answers (the usual headers, {@code HEAD},
 * {@code Expect: 100-continue}) and what it tells the API of the client ({@code X-Forwarded-For}).
 */
@Timeout(60)
class RestExchangesTest {

    private static EdgeServer server;
    private static EchoApi api;

    @BeforeAll
    static void start() {
        server = new EdgeServer();
        api = server.api;
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void anAnswerCarriesItsStatusBodyAndHeadersWithDateTypeAndLength() throws Exception {
        try (RawHttpConnection connection = server.connect()) {
            connection.write(RawHttpConnection.requestWithBody("POST", "/v1/direct?as=bytes&status=201&h.X-Request-Id=r-1",
                    "hello", "Authorization: Bearer t"));

            RawHttpConnection.Response response = connection.read();

            assertThat(connection.lastStatusLine()).isEqualTo("HTTP/1.1 201 Created");
            assertThat(response.text()).isEqualTo("hello");
            assertThat(response.header("X-Request-Id")).isEqualTo("r-1");
            assertThat(response.header("Content-Type")).isEqualTo("application/octet-stream");
            assertThat(response.header("Content-Length")).isEqualTo("5");
            assertThat(response.header("Date")).matches("[A-Z][a-z]{2}, \\d{2} [A-Z][a-z]{2} \\d{4} \\d{2}:\\d{2}:\\d{2} GMT");
            assertThat(response.header("Connection")).isNull();
            assertThat(response.header("Transfer-Encoding")).isNull();
            // kept alive: the same connection serves the next request
            connection.write(RawHttpConnection.requestWithBody("POST", "/v1/direct?as=bytes", "again"));
            assertThat(connection.read().text()).isEqualTo("again");
        }
        assertThat(api.seen("/v1/direct")).first()
                .satisfies(seen -> assertThat(seen.headers()).containsEntry("authorization", "Bearer t"));
    }

    @Test
    void headIsAnsweredWithTheHeadersOfTheBodyAndNoBody() throws Exception {
        try (RawHttpConnection connection = server.connect()) {
            connection.write(RawHttpConnection.request("HEAD", "/v1/resource?as=bytes&size=5000")
                    + RawHttpConnection.request("GET", "/v1/resource?as=bytes&size=7"));

            RawHttpConnection.Response head = connection.readHead();
            // had the HEAD answer carried its 5000 bytes, they would be read here instead of the next status line
            RawHttpConnection.Response get = connection.read();
            String getStatusLine = connection.lastStatusLine();

            assertThat(head.status()).isEqualTo(200);
            assertThat(head.header("Content-Length")).isEqualTo("5000");
            assertThat(head.header("Content-Type")).isEqualTo("application/octet-stream");
            assertThat(head.header("X-Echo-Method")).isEqualTo("HEAD");
            assertThat(getStatusLine).isEqualTo("HTTP/1.1 200 OK");
            assertThat(get.header("X-Echo-Method")).isEqualTo("GET");
            assertThat(get.body()).isEqualTo(EchoApi.generated(7));
        }
    }

    @Test
    void theApiSeesTheClientsAddressLastInXForwardedFor() throws Exception {
        try (RawHttpConnection connection = server.connect()) {
            connection.write(RawHttpConnection.request("GET", "/v1/who"));
            RawHttpConnection.Response direct = connection.read();
            connection.write(RawHttpConnection.request("GET", "/v1/who-behind",
                    "X-Forwarded-For: 203.0.113.9", "X-Forwarded-For: 198.51.100.2, 192.0.2.1"));
            RawHttpConnection.Response proxied = connection.read();

            assertThat(direct.text()).contains("\"x-forwarded-for\":\"127.0.0.1\"");
            assertThat(proxied.text()).contains("\"x-forwarded-for\":\"203.0.113.9, 198.51.100.2, 192.0.2.1, 127.0.0.1\"");
        }
        assertThat(api.seen("/v1/who")).singleElement()
                .satisfies(seen -> assertThat(seen.headers().get("x-forwarded-for")).isEqualTo("127.0.0.1"));
    }

    @Test
    void expectContinueGetsAnInterim100ThenTheAnswer() throws Exception {
        try (RawHttpConnection connection = server.connect()) {
            connection.readTimeout(Duration.ofSeconds(5));
            connection.write("POST /v1/upload-after-continue?as=bytes HTTP/1.1\r\nHost: edge.test\r\n"
                    + "Expect: 100-continue\r\nContent-Length: 11\r\n\r\n");

            // a client waits for the interim answer before it sends the body
            RawHttpConnection.Response interim = connection.read();
            String interimLine = connection.lastStatusLine();
            connection.write("hello world");
            RawHttpConnection.Response answer = connection.read();

            assertThat(interim.status()).isEqualTo(100);
            assertThat(interimLine).isEqualTo("HTTP/1.1 100 Continue");
            assertThat(answer.status()).isEqualTo(200);
            assertThat(answer.text()).isEqualTo("hello world");
            // and the connection goes on
            connection.write(RawHttpConnection.request("GET", "/v1/after-continue"));
            assertThat(connection.read().text()).contains("\"path\":\"/v1/after-continue\"");
        }
        assertThat(api.seen("/v1/upload-after-continue")).singleElement()
                .satisfies(seen -> assertThat(seen.body()).isEqualTo("hello world"));
    }

    @Test
    void theApiIsAskedOnTheConnectionsEventLoop() throws Exception {
        try (RawHttpConnection connection = server.connect()) {
            connection.write(RawHttpConnection.request("GET", "/v1/where"));
            assertThat(connection.read().status()).isEqualTo(200);
        }
        assertThat(api.seen("/v1/where")).singleElement()
                .satisfies(seen -> assertThat(seen.thread()).matches("nioEventLoopGroup-\\d+-\\d+"));
    }
}
