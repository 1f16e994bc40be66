package io.convro.adapter.http;

import static io.convro.adapter.http.OpenApiSchemas.assertDocumented;
import static org.assertj.core.api.Assertions.assertThat;

import io.convro.application.users.ResolveUserQuery;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** API.md §0: the general errors, and the error mapping of a few domain codes, over real HTTP. */
class GeneralErrorsTest {
    static TestServer server;

    @BeforeAll
    static void start() {
        server = new TestServer();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static void assertError(TestServer.Response response, int status, String code) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.isJson()).as("content type %s", response.contentType()).isTrue();
        assertThat(response.error()).as(response.body()).isEqualTo(code);
        assertThat(response.json().path("message").isTextual()).isTrue();
    }

    @Test
    void aBodyInAnotherEncodingThanUtf8IsInvalidJson() {
        String offer = "{\"peerUserId\":2,\"handshakeOffer\":{\"version\":1,\"initiatorDeviceId\":\"aaaaaaaaaaaaaaaa\","
                + "\"responderDeviceId\":\"bbbbbbbbbbbbbbbb\",\"sessionId\":\"0badcafe\",\"ephemeralPublicKeyX25519\":\""
                + RoutesTest.KEY32 + "\",\"usedSignedPrekeyPublicKeyX25519\":\"" + RoutesTest.KEY32 + "\",\"usedOneTimePrekeyId\":null}}";
        for (java.nio.charset.Charset other : new java.nio.charset.Charset[] {StandardCharsets.UTF_16, StandardCharsets.UTF_16LE,
                StandardCharsets.UTF_16BE, java.nio.charset.Charset.forName("UTF-32")}) {
            assertError(postBytes("/v1/dm/sessions/open", offer.getBytes(other)), 400, "INVALID_JSON");
            assertError(postBytes("/v1/auth/register", "{\"password\":\"correct horse battery\"}".getBytes(other)), 400, "INVALID_JSON");
        }
        // malformed UTF-8: a lone continuation byte, an overlong encoding of "/"
        assertError(postBytes("/v1/auth/register", new byte[] {'{', '"', (byte) 0x80, '"', ':', '1', '}'}), 400, "INVALID_JSON");
        assertError(postBytes("/v1/auth/register", new byte[] {'{', '"', (byte) 0xC0, (byte) 0xAF, '"', ':', '1', '}'}), 400, "INVALID_JSON");
        // and UTF-8 proper, beyond ASCII, is kept as sent
        TestServer.Response fine = postBytes("/v1/dm/sessions/open",
                offer.replace("\"version\":1", "\"note\":\"zażółć ✓ 🙂\",\"version\":1").getBytes(StandardCharsets.UTF_8));
        assertThat(fine.status()).as(fine.body()).isEqualTo(201);
        assertThat(((io.convro.application.sessions.OpenSessionCommand) server.fakes.lastCommand.get()).offer().json())
                .contains("zażółć ✓ 🙂");
    }

    private static TestServer.Response postBytes(String path, byte[] body) {
        return server.send(HttpRequest.newBuilder(server.uri(path)).header("Authorization", "Bearer " + FakeUseCases.TOKEN)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
    }

    @Test
    void malformedJsonIsInvalidJson() {
        assertError(server.postPublic("/v1/auth/register", "{\"password\":"), 400, "INVALID_JSON");
        assertError(server.postPublic("/v1/auth/register", "not json"), 400, "INVALID_JSON");
        assertError(server.postPublic("/v1/auth/register", "[]"), 400, "INVALID_JSON");
        assertError(server.postPublic("/v1/auth/register", "{} {}"), 400, "INVALID_JSON");
        assertError(server.postPublic("/v1/auth/register", ""), 400, "INVALID_JSON");
        assertDocumented("/v1/auth/register", server.postPublic("/v1/auth/register", "nope"));
    }

    @Test
    void wrongJsonTypesAreInvalidJsonNamingTheField() {
        TestServer.Response numberForString = server.postPublic("/v1/auth/register", "{\"password\":12345678}");
        assertError(numberForString, 400, "INVALID_JSON");
        assertThat(numberForString.json().path("field").asText()).isEqualTo("password");
        assertError(server.post("/v1/dm/sessions/open", "{\"peerUserId\":\"2\",\"handshakeOffer\":{}}"), 400, "INVALID_JSON");
        assertError(server.post("/v1/dm/sessions/open", "{\"peerUserId\":2.5,\"handshakeOffer\":{}}"), 400, "INVALID_JSON");
        assertError(server.post("/v1/dm/sessions/open", "{\"peerUserId\":2,\"handshakeOffer\":\"x\"}"), 400, "INVALID_JSON");
        assertError(server.post("/v1/auth/logout", "{\"allForUser\":\"true\"}"), 400, "INVALID_JSON");
        assertError(server.post("/v1/dm/messages/receipts", "{\"messageIds\":[\"1\"],\"status\":\"READ\"}"), 400, "INVALID_JSON");
        assertError(server.post("/v1/prekeys/upload", "{\"identity\":\"key\"}"), 400, "INVALID_JSON");
    }

    @Test
    void logoutWithABodyThatIsNotJsonIsInvalidJson() {
        assertError(server.post("/v1/auth/logout", "garbage"), 400, "INVALID_JSON");
    }

    @Test
    void validationReportsTheDomainCodeOfTheFirstFieldInOrder() {
        TestServer.Response response = server.postPublic("/v1/auth/register",
                "{\"deviceLabel\":\"ok\",\"platform\":\"toaster\",\"deviceId\":\"xyz\",\"password\":\"short\"}");
        assertError(response, 400, "PASSWORD_TOO_SHORT");
        assertThat(response.json().path("field").asText()).isEqualTo("password");
        assertDocumented("/v1/auth/register", response);
        TestServer.Response platform = server.postPublic("/v1/auth/register", "{\"password\":\"correct horse\",\"platform\":\"toaster\",\"deviceLabel\":\"\\u0007\"}");
        assertError(platform, 400, "INVALID_PLATFORM");
        assertThat(platform.json().path("field").asText()).isEqualTo("platform");
        assertError(server.postPublic("/v1/auth/register", "{\"password\":\"correct horse\",\"username\":\"a\"}"), 400, "INVALID_USERNAME");
        assertError(server.postPublic("/v1/auth/register", "{}"), 400, "PASSWORD_TOO_SHORT");
    }

    @Test
    void nestedAndListFieldsAreNamedByTheirPath() {
        String key = RoutesTest.KEY32;
        TestServer.Response response = server.post("/v1/prekeys/upload", "{\"identity\":{\"publicKeyEd25519\":\"" + key + "\"},"
                + "\"signedPrekey\":{\"keyId\":\"1111111111111111\",\"publicKeyX25519\":\"" + key + "\",\"signatureEd25519\":\"" + RoutesTest.SIG64 + "\"},"
                + "\"oneTimePrekeys\":[{\"keyId\":\"2222222222222222\",\"publicKeyX25519\":\"" + key + "\"},"
                + "{\"keyId\":\"3333333333333333\",\"publicKeyX25519\":\"short\"},{\"keyId\":\"zz\",\"publicKeyX25519\":\"" + key + "\"}]}");
        assertError(response, 400, "INVALID_ONE_TIME_PREKEY");
        assertThat(response.json().path("field").asText()).isEqualTo("oneTimePrekeys[1].publicKeyX25519");
        assertDocumented("/v1/prekeys/upload", response);
        assertError(server.post("/v1/prekeys/upload", "{\"signedPrekey\":{}}"), 400, "INVALID_IDENTITY_KEY");
        assertError(server.post("/v1/prekeys/upload", "{\"identity\":{\"publicKeyEd25519\":\"" + key + "\"}}"), 400, "INVALID_SIGNED_PREKEY");
    }

    @Test
    void handshakeOfferIsCheckedByTheDomain() {
        assertError(server.post("/v1/dm/sessions/open", "{\"peerUserId\":2}"), 400, "INVALID_HANDSHAKE_OFFER");
        assertError(server.post("/v1/dm/sessions/open", "{\"peerUserId\":2,\"handshakeOffer\":{\"version\":2}}"), 400, "UNSUPPORTED_HANDSHAKE_VERSION");
        String big = "x".repeat(9000);
        TestServer.Response tooLarge = server.post("/v1/dm/sessions/open", "{\"peerUserId\":2,\"handshakeOffer\":{\"version\":1,\"pad\":\"" + big + "\"}}");
        assertError(tooLarge, 413, "HANDSHAKE_OFFER_TOO_LARGE");
        assertDocumented("/v1/dm/sessions/open", tooLarge);
    }

    @Test
    void bodiesOverTheLimitAre413ByContentLength() {
        String padding = "x".repeat(64 * 1024);
        TestServer.Response response = server.postPublic("/v1/auth/register", "{\"password\":\"" + padding + "\"}");
        assertError(response, 413, "PAYLOAD_TOO_LARGE");
        assertDocumented("/v1/auth/register", response);
        // the same size is fine for send (128 KiB), where the ciphertext rule answers instead
        TestServer.Response send = server.post("/v1/dm/messages/send", "{\"sessionId\":\"0badcafe\",\"recipientDeviceId\":\"bbbbbbbbbbbbbbbb\","
                + "\"ciphertext\":\"" + "A".repeat(100 * 1024) + "\",\"authTag\":\"AAAAAAAAAAAAAAAAAAAAAA==\"}");
        assertError(send, 413, "MESSAGE_TOO_LARGE");
        assertError(server.post("/v1/dm/messages/send", "{\"ciphertext\":\"" + "A".repeat(128 * 1024) + "\"}"), 413, "PAYLOAD_TOO_LARGE");
    }

    @Test
    void chunkedBodiesOverTheLimitAre413WhileReading() {
        byte[] body = ("{\"password\":\"" + "x".repeat(70 * 1024) + "\"}").getBytes(StandardCharsets.UTF_8);
        // an InputStream publisher has no known length: the client sends it chunked, without Content-Length
        HttpRequest request = HttpRequest.newBuilder(server.uri("/v1/auth/register"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))).build();
        assertError(server.send(request), 413, "PAYLOAD_TOO_LARGE");
        byte[] send = ("{\"ciphertext\":\"" + "A".repeat(130 * 1024) + "\"}").getBytes(StandardCharsets.UTF_8);
        HttpRequest sendRequest = server.authorized("/v1/dm/messages/send")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(send))).build();
        assertError(server.send(sendRequest), 413, "PAYLOAD_TOO_LARGE");
    }

    @Test
    void unknownRouteIs404AndWrongMethodIs405AsJson() {
        assertError(server.get("/v1/nope"), 404, "NOT_FOUND");
        assertError(server.getPublic("/nope"), 404, "NOT_FOUND");
        assertError(server.getPublic("/v1/auth/register"), 405, "METHOD_NOT_ALLOWED");
        assertError(server.delete("/v1/auth/me"), 405, "METHOD_NOT_ALLOWED");
    }

    @Test
    void protectedRoutesNeedABearerToken() {
        assertError(server.getPublic("/v1/auth/me"), 401, "UNAUTHORIZED");
        assertError(server.send(java.net.http.HttpRequest.newBuilder(server.uri("/v1/auth/me"))
                .header("Authorization", "Basic abc").GET().build()), 401, "UNAUTHORIZED");
        assertError(server.send(java.net.http.HttpRequest.newBuilder(server.uri("/v1/auth/me"))
                .header("Authorization", "Bearer ").GET().build()), 401, "UNAUTHORIZED");
        TestServer.Response expired = server.send(java.net.http.HttpRequest.newBuilder(server.uri("/v1/auth/me"))
                .header("Authorization", "Bearer " + FakeUseCases.EXPIRED_TOKEN).GET().build());
        assertError(expired, 401, "TOKEN_EXPIRED");
        assertDocumented("/v1/auth/me", expired);
        // the public routes need none
        assertThat(server.postPublic("/v1/auth/refresh", "{\"refreshToken\":\"rt_1_x\"}").status()).isEqualTo(200);
    }

    @Test
    void resolveAcceptsAnUnencodedPlus() {
        TestServer.Response response = server.get("/v1/users/resolve?convroNumber=+99123456");
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(((ResolveUserQuery.ByConvroNumber) server.fakes.lastCommand.get()).convroNumber().value()).isEqualTo("+99123456");
    }

    @Test
    void resolveNeedsExactlyOneWellFormedHandle() {
        assertError(server.get("/v1/users/resolve"), 400, "INVALID_QUERY");
        assertError(server.get("/v1/users/resolve?convroNumber=%2B99123456&username=anna"), 400, "INVALID_QUERY");
        assertError(server.get("/v1/users/resolve?convroNumber=12345"), 400, "INVALID_QUERY");
        TestServer.Response badName = server.get("/v1/users/resolve?username=a%20b");
        assertError(badName, 400, "INVALID_QUERY");
        assertDocumented("/v1/users/resolve", badName);
        TestServer.Response unknown = server.get("/v1/users/resolve?username=nobody");
        assertError(unknown, 404, "USER_NOT_FOUND");
        assertDocumented("/v1/users/resolve", unknown);
    }

    @Test
    void malformedQueryParametersAreInvalidQuery() {
        assertError(server.get("/v1/prekeys/bundle"), 400, "INVALID_QUERY");
        assertError(server.get("/v1/prekeys/bundle?user_id=abc"), 400, "INVALID_QUERY");
        assertError(server.get("/v1/prekeys/bundle?user_id=0"), 400, "INVALID_QUERY");
        assertError(server.get("/v1/prekeys/bundle?user_id=2&device_id=xyz"), 400, "INVALID_QUERY");
        assertError(server.get("/v1/dm/messages/history"), 400, "INVALID_QUERY");
        assertError(server.get("/v1/dm/messages/history?sessionId=xyz"), 400, "INVALID_QUERY");
        assertError(server.get("/v1/dm/messages/history?sessionId=0badcafe&limit=0"), 400, "INVALID_QUERY");
        assertError(server.get("/v1/dm/messages/history?sessionId=0badcafe&limit=201"), 400, "INVALID_QUERY");
        assertError(server.get("/v1/dm/messages/history?sessionId=0badcafe&limit=ten"), 400, "INVALID_QUERY");
        assertError(server.get("/v1/dm/messages/history?sessionId=0badcafe&beforeId=-1"), 400, "INVALID_QUERY");
        TestServer.Response both = server.get("/v1/dm/messages/history?sessionId=0badcafe&beforeId=3&afterId=1");
        assertError(both, 400, "INVALID_QUERY");
        assertDocumented("/v1/dm/messages/history", both);
        for (String query : new String[] {"limit=0", "limit=201", "limit=ten", "cursor=", "cursor=abc", "cursor=17.0",
                "cursor=-1.2", "cursor=1.2.3", "cursor=99999999999999999999.1", "cursor=1.2&cursor=1.2"}) {
            TestServer.Response bad = server.get("/v1/dm/messages/conversations?" + query);
            assertError(bad, 400, "INVALID_QUERY");
            assertThat(bad.json().path("field").asText()).as(query).isEqualTo(query.substring(0, query.indexOf('=')));
            assertDocumented("/v1/dm/messages/conversations", bad);
        }
    }

    @Test
    void tooManyDevicesCarriesTheDevicesInTheListShape() {
        TestServer.Response response = server.postPublic("/v1/auth/login",
                "{\"password\":\"correct horse\",\"username\":\"anna\",\"deviceId\":\"EEEEEEEEEEEEEEEE\"}");
        assertError(response, 409, "TOO_MANY_DEVICES");
        assertThat(response.json().path("devices").size()).isEqualTo(2);
        assertThat(response.json().path("devices").get(0).toString()).isEqualTo(
                server.get("/v1/auth/devices").json().path("devices").get(0).toString());
        assertDocumented("/v1/auth/login", response);
    }

    @Test
    void domainCodesMapToTheirStatuses() {
        assertError(server.postPublic("/v1/auth/login", "{\"password\":\"wrong\",\"username\":\"anna\"}"), 401, "INVALID_CREDENTIALS");
        assertError(server.postPublic("/v1/auth/register", "{\"password\":\"correct horse\",\"username\":\"Taken\"}"), 409, "USERNAME_TAKEN");
        assertError(server.postPublic("/v1/auth/refresh", "{}"), 400, "INVALID_REFRESH_TOKEN");
        assertError(server.post("/v1/dm/sessions/accept", "{\"sessionDbId\":404}"), 404, "SESSION_NOT_FOUND");
        assertError(server.post("/v1/dm/sessions/accept", "{\"sessionDbId\":0}"), 404, "SESSION_NOT_FOUND");
        TestServer.Response notActive = server.post("/v1/dm/messages/send", "{\"sessionId\":\"deadbeef\",\"recipientDeviceId\":\"bbbbbbbbbbbbbbbb\","
                + "\"ciphertext\":\"AQID\",\"authTag\":\"AAAAAAAAAAAAAAAAAAAAAA==\"}");
        assertError(notActive, 409, "SESSION_NOT_ACTIVE");
        assertDocumented("/v1/dm/messages/send", notActive);
        assertError(server.post("/v1/dm/messages/send", "{\"sessionId\":\"0badcafe\",\"recipientDeviceId\":\"nope\","
                + "\"ciphertext\":\"AQID\",\"authTag\":\"AAAA\"}"), 400, "INVALID_RECIPIENT");
        assertError(server.post("/v1/dm/messages/send", "{\"sessionId\":\"0badcafe\",\"recipientDeviceId\":\"bbbbbbbbbbbbbbbb\","
                + "\"ciphertext\":\"AQID\",\"authTag\":\"AAAA\"}"), 400, "INVALID_AUTH_TAG");
        TestServer.Response sender = server.post("/v1/dm/messages/receipts", "{\"messageIds\":[1,666],\"status\":\"READ\"}");
        assertError(sender, 403, "NOT_MESSAGE_RECIPIENT");
        assertDocumented("/v1/dm/messages/receipts", sender);
        assertError(server.post("/v1/dm/messages/receipts", "{\"messageId\":1,\"status\":\"SEEN\"}"), 400, "INVALID_RECEIPT_STATUS");
        assertError(server.post("/v1/dm/messages/receipts", "{\"status\":\"READ\"}"), 400, "INVALID_QUERY");
        assertError(server.post("/v1/dm/messages/receipts", "{\"messageIds\":[],\"status\":\"READ\"}"), 400, "INVALID_QUERY");
        assertError(server.delete("/v1/auth/devices/xyz"), 400, "INVALID_DEVICE_ID");
    }

    @Test
    void every503CarriesRetryAfterTheDelayOfItsCauseOrTheDefault() {
        TestServer.Response busy = server.postPublic("/v1/auth/register", "{\"password\":\"correct horse\",\"username\":\"busy\"}");
        assertError(busy, 503, "SERVICE_UNAVAILABLE");
        assertThat(busy.retryAfter()).as("2.5 s rounded up").isEqualTo("3");
        assertDocumented("/v1/auth/register", busy);
        TestServer.Response down = server.postPublic("/v1/auth/register", "{\"password\":\"correct horse\",\"username\":\"dbdown\"}");
        assertError(down, 503, "SERVICE_UNAVAILABLE");
        assertThat(down.retryAfter()).isEqualTo("2");
    }

    @Test
    void unexpectedFailuresAre500WithoutDetails() {
        TestServer.Response response = server.get("/v1/users/resolve?username=boom");
        assertError(response, 500, "INTERNAL_ERROR");
        assertThat(response.body()).doesNotContain("secret internal detail", "IllegalStateException", "at io.");
        assertDocumented("/v1/users/resolve", response);
    }

    @Test
    void anUnreachableStoreIs503WithRetryAfter() {
        TestServer.Response response = server.get("/v1/users/resolve?username=outage");
        assertError(response, 503, "SERVICE_UNAVAILABLE");
        assertThat(response.retryAfter()).isNotNull();
        assertThat(Long.parseLong(response.retryAfter())).isPositive();
    }
}
