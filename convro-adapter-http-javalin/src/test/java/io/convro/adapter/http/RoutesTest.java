package io.convro.adapter.http;

import static io.convro.adapter.http.OpenApiSchemas.assertDocumented;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.convro.application.auth.LogOutCommand;
import io.convro.application.auth.LogoutScope;
import io.convro.application.messages.ConversationCursor;
import io.convro.application.messages.ConversationsQuery;
import io.convro.application.messages.HistoryCursor;
import io.convro.application.messages.HistoryQuery;
import io.convro.application.messages.ReceiptCommand;
import io.convro.application.messages.SendMessageCommand;
import io.convro.application.prekeys.FetchPrekeyBundleQuery;
import io.convro.application.prekeys.UploadPrekeysCommand;
import io.convro.application.sessions.OpenSessionCommand;
import io.convro.domain.device.Platform;
import io.convro.domain.message.MessageId;
import io.convro.domain.message.ReceiptStatus;
import io.convro.domain.session.SessionDbId;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Each route's happy path over real HTTP: status, exact JSON shape (validated against /openapi.json). */
class RoutesTest {
    static final String KEY32 = Base64.getEncoder().encodeToString(new byte[32]);
    static final String SIG64 = Base64.getEncoder().encodeToString(new byte[64]);
    static TestServer server;

    @BeforeAll
    static void start() {
        server = new TestServer();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void healthReportsDatabaseUpVersionAndUptime() {
        TestServer.Response response = server.getPublic("/health");
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(
                "{\"status\":\"ok\",\"db\":\"up\",\"timestamp\":\"2026-11-25T14:11:36.120Z\",\"version\":\"1.2.3-test\",\"uptimeSeconds\":42,"
                        + "\"database\":\"unknown\",\"redis\":\"none\",\"sockets\":0}");
        assertDocumented("/health", response);
    }

    @Test
    void statusPageIsHtmlWithLiveCardAndEndpointReferenceFromTheDocument() {
        TestServer.Response response = server.getPublic("/");
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.contentType()).startsWith("text/html");
        assertThat(response.body()).contains("fetch('/health'", "setInterval", "Canonical rules", "Socket.IO",
                "/v1/dm/messages/receipts", "/v1/auth/devices/{deviceId}", "TOO_MANY_DEVICES");
    }

    @Test
    void openApiDocumentIsServedAsJson() {
        TestServer.Response response = server.getPublic("/openapi.json");
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.isJson()).isTrue();
        assertThat(response.json().path("openapi").asText()).isEqualTo("3.1.0");
    }

    @Test
    void registerAnswers201WithNullsWrittenAndDefaultsApplied() {
        TestServer.Response response = server.postPublic("/v1/auth/register", "{\"password\":\"correct horse\"}");
        assertThat(response.status()).isEqualTo(201);
        assertThat(response.body()).isEqualTo("{\"userId\":7,\"convroNumber\":\"+99000042\",\"username\":null,"
                + "\"fullName\":null,\"deviceId\":\"0123456789abcdef\",\"platform\":\"unknown\","
                + "\"accessToken\":\"access.jwt\",\"refreshToken\":\"rt_00ff_secret\"}");
        assertDocumented("/v1/auth/register", response);
    }

    @Test
    void registerPassesDomainTypesLowercasedToTheUseCase() {
        TestServer.Response response = server.postPublic("/v1/auth/register", "{\"password\":\"correct horse\","
                + "\"username\":\"Sigmabo\",\"fullName\":\"S B\",\"deviceId\":\"ABCDEF0123456789\",\"platform\":\"android\","
                + "\"deviceLabel\":\"phone\",\"unknownField\":{\"ignored\":true}}");
        assertThat(response.status()).isEqualTo(201);
        assertThat(response.json().path("deviceId").asText()).isEqualTo("abcdef0123456789");
        assertThat(response.json().path("username").asText()).isEqualTo("Sigmabo");
        assertThat(response.json().path("platform").asText()).isEqualTo("android");
    }

    @Test
    void loginKeepsAnAbsentPlatformNullForTheUseCase() {
        TestServer.Response response = server.postPublic("/v1/auth/login",
                "{\"password\":\"correct horse\",\"username\":\"anna\",\"convroNumber\":null}");
        assertThat(response.status()).isEqualTo(200);
        assertDocumented("/v1/auth/login", response);
        assertThat(((io.convro.application.auth.LogInCommand) server.fakes.lastCommand.get()).platform()).isNull();
    }

    @Test
    void refreshAnswersTheRotatedPair() {
        TestServer.Response response = server.postPublic("/v1/auth/refresh", "{\"refreshToken\":\"rt_00ff_secret\"}");
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().path("refreshToken").asText()).isEqualTo("rt_01_secret2");
        assertThat(response.json().has("username")).isTrue();
        assertDocumented("/v1/auth/refresh", response);
    }

    @Test
    void logoutDefaultsToTheDeviceForNoBodyEmptyBodyAndEmptyObject() {
        for (String body : new String[] {"", "   ", "{}", "null", "{\"allForDevice\":true}"}) {
            TestServer.Response response = server.post("/v1/auth/logout", body);
            assertThat(response.status()).as(body).isEqualTo(200);
            assertThat(response.body()).isEqualTo("{\"ok\":true,\"scope\":\"device\"}");
            assertDocumented("/v1/auth/logout", response);
        }
        TestServer.Response noBody = server.send(server.authorized("/v1/auth/logout")
                .POST(java.net.http.HttpRequest.BodyPublishers.noBody()).build());
        assertThat(noBody.body()).isEqualTo("{\"ok\":true,\"scope\":\"device\"}");
    }

    @Test
    void logoutOfOneTokenOrTheWholeUser() {
        assertThat(server.post("/v1/auth/logout", "{\"refreshToken\":\"rt_1_x\"}").json().path("scope").asText())
                .isEqualTo("single");
        assertThat(((LogOutCommand) server.fakes.lastCommand.get()).refreshToken()).isEqualTo("rt_1_x");
        assertThat(server.post("/v1/auth/logout", "{\"allForUser\":true}").json().path("scope").asText()).isEqualTo("user");
        assertThat(((LogOutCommand) server.fakes.lastCommand.get()).scope()).isEqualTo(LogoutScope.USER);
    }

    @Test
    void meAnswersTheCaller() {
        TestServer.Response response = server.get("/v1/auth/me");
        assertThat(response.body()).isEqualTo(
                "{\"userId\":1,\"deviceId\":\"aaaaaaaaaaaaaaaa\",\"convroNumber\":\"+99123456\",\"username\":\"anna\"}");
        assertDocumented("/v1/auth/me", response);
    }

    @Test
    void registeringANewDeviceIs201AndUpdatingAKnownOneIs200() {
        TestServer.Response created = server.post("/v1/auth/devices/register", "{\"deviceId\":\"CCCCCCCCCCCCCCCC\",\"platform\":\"web\"}");
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.body()).isEqualTo("{\"deviceId\":\"cccccccccccccccc\",\"platform\":\"web\",\"deviceLabel\":null,"
                + "\"createdAt\":\"2026-11-25T14:10:54.120Z\",\"active\":true}");
        assertDocumented("/v1/auth/devices/register", created);
        TestServer.Response updated = server.post("/v1/auth/devices/register", "{\"deviceId\":\"aaaaaaaaaaaaaaaa\",\"deviceLabel\":\"x\"}");
        assertThat(updated.status()).isEqualTo(200);
        assertDocumented("/v1/auth/devices/register", updated);
    }

    @Test
    void listsDevicesWithEveryField() {
        TestServer.Response response = server.get("/v1/auth/devices");
        assertThat(response.status()).isEqualTo(200);
        JsonNode second = response.json().path("devices").get(1);
        assertThat(second.has("deviceLabel")).isTrue();
        assertThat(second.get("deviceLabel").isNull()).isTrue();
        assertThat(second.get("lastSeenAt").isNull()).isTrue();
        assertThat(response.json().path("devices").get(0).path("lastSeenAt").asText()).isEqualTo("2026-11-25T14:11:00.000Z");
        assertDocumented("/v1/auth/devices", response);
    }

    @Test
    void removesADevice() {
        TestServer.Response response = server.delete("/v1/auth/devices/BBBBBBBBBBBBBBBB");
        assertThat(response.body()).isEqualTo("{\"ok\":true}");
        assertDocumented("/v1/auth/devices/{deviceId}", response);
        TestServer.Response notMine = server.delete("/v1/auth/devices/cccccccccccccccc");
        assertThat(notMine.status()).isEqualTo(404);
        assertThat(notMine.error()).isEqualTo("DEVICE_NOT_FOUND");
        assertDocumented("/v1/auth/devices/{deviceId}", notMine);
    }

    @Test
    void resolvesByEncodedNumberAndByUsername() {
        TestServer.Response byNumber = server.get("/v1/users/resolve?convroNumber=%2B99123456");
        assertThat(byNumber.body()).isEqualTo("{\"userId\":1,\"convroNumber\":\"+99123456\",\"username\":\"Anna\",\"fullName\":\"Anna K\"}");
        assertDocumented("/v1/users/resolve", byNumber);
        assertThat(server.get("/v1/users/resolve?username=ANNA").status()).isEqualTo(200);
    }

    @Test
    void uploadsPrekeysAsDomainTypes() {
        TestServer.Response response = server.post("/v1/prekeys/upload", "{\"identity\":{\"publicKeyEd25519\":\"" + KEY32 + "\"},"
                + "\"signedPrekey\":{\"keyId\":\"1111111111111111\",\"publicKeyX25519\":\"" + KEY32 + "\",\"signatureEd25519\":\"" + SIG64 + "\"},"
                + "\"oneTimePrekeys\":[{\"keyId\":\"2222222222222222\",\"publicKeyX25519\":\"" + KEY32 + "\"},"
                + "{\"keyId\":\"3333333333333333\",\"publicKeyX25519\":\"" + KEY32 + "\"}]}");
        assertThat(response.body()).isEqualTo("{\"ok\":true,\"deviceId\":\"aaaaaaaaaaaaaaaa\",\"storedOneTimePrekeys\":2}");
        assertDocumented("/v1/prekeys/upload", response);
        UploadPrekeysCommand command = (UploadPrekeysCommand) server.fakes.lastCommand.get();
        assertThat(command.signedPrekey().keyId().value()).isEqualTo("1111111111111111");
    }

    @Test
    void bundleWithAndWithoutOneTimePrekey() {
        TestServer.Response withOtp = server.get("/v1/prekeys/bundle?user_id=2");
        assertThat(withOtp.json().path("oneTimePrekeyId").asText()).isEqualTo("2222222222222222");
        assertDocumented("/v1/prekeys/bundle", withOtp);
        TestServer.Response without = server.get("/v1/prekeys/bundle?user_id=2&device_id=BBBBBBBBBBBBBBBB");
        assertThat(without.json().get("oneTimePrekeyId").isNull()).isTrue();
        assertThat(without.json().get("oneTimePrekeyPublicKeyX25519").isNull()).isTrue();
        assertDocumented("/v1/prekeys/bundle", without);
        assertThat(((FetchPrekeyBundleQuery) server.fakes.lastCommand.get()).deviceId().value()).isEqualTo("bbbbbbbbbbbbbbbb");
    }

    @Test
    void prekeyStatusWritesANullSignedPrekeyId() {
        TestServer.Response response = server.get("/v1/prekeys/status");
        assertThat(response.body()).isEqualTo(
                "{\"deviceId\":\"aaaaaaaaaaaaaaaa\",\"identityUploaded\":true,\"signedPrekeyId\":null,\"oneTimePrekeysAvailable\":7}");
        assertDocumented("/v1/prekeys/status", response);
    }

    @Test
    void opensASessionAndKeepsTheOfferVerbatim() {
        String offer = "{\"version\":1,\"initiatorDeviceId\":\"aaaaaaaaaaaaaaaa\",\"responderDeviceId\":\"BBBBBBBBBBBBBBBB\","
                + "\"sessionId\":\"0BADCAFE\",\"ephemeralPublicKeyX25519\":\"" + KEY32.replace("=", "") + "\","
                + "\"usedSignedPrekeyPublicKeyX25519\":\"" + KEY32 + "\",\"usedOneTimePrekeyId\":null,"
                + "\"c6pExtra\":{\"nested\":[1,2.50,\"x\"]}}";
        TestServer.Response response = server.post("/v1/dm/sessions/open", "{\"peerUserId\":2,\"handshakeOffer\":" + offer + "}");
        assertThat(response.status()).isEqualTo(201);
        assertThat(response.body()).isEqualTo("{\"ok\":true,\"sessionDbId\":1,\"sessionId\":\"0badcafe\",\"responderUserId\":2,"
                + "\"responderDeviceId\":\"bbbbbbbbbbbbbbbb\",\"state\":\"PENDING\"}");
        assertDocumented("/v1/dm/sessions/open", response);
        assertThat(((OpenSessionCommand) server.fakes.lastCommand.get()).offer().json()).isEqualTo(offer);

        TestServer.Response incoming = server.get("/v1/dm/sessions/incoming");
        assertThat(incoming.status()).isEqualTo(200);
        assertThat(incoming.body()).contains("\"handshakeOffer\":" + offer + ",");
        assertThat(incoming.json().path("sessions").get(0).get("initiatorUsername").isNull()).isTrue();
        assertDocumented("/v1/dm/sessions/incoming", incoming);
    }

    @Test
    void acceptsASession() {
        TestServer.Response response = server.post("/v1/dm/sessions/accept", "{\"sessionDbId\":3}");
        assertThat(response.body()).isEqualTo("{\"ok\":true,\"sessionDbId\":3,\"sessionId\":\"0badcafe\",\"state\":\"ACTIVE\"}");
        assertDocumented("/v1/dm/sessions/accept", response);
    }

    @Test
    void sendIs201AndARepeatedClientMessageIdIs200() {
        String body = "{\"sessionId\":\"0badcafe\",\"recipientDeviceId\":\"bbbbbbbbbbbbbbbb\",\"clientMessageId\":\"%s\","
                + "\"clientTimestamp\":\"2026-11-25T15:10:54.120+01:00\",\"ciphertext\":\"AQID\",\"authTag\":\""
                + Base64.getUrlEncoder().withoutPadding().encodeToString(new byte[16]) + "\"}";
        TestServer.Response created = server.post("/v1/dm/messages/send", body.formatted("c-1"));
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.body()).isEqualTo("{\"ok\":true,\"messageId\":123,\"serverTimestamp\":\"2026-11-25T14:10:54.120Z\",\"deliveryState\":\"PENDING\"}");
        assertDocumented("/v1/dm/messages/send", created);
        SendMessageCommand command = (SendMessageCommand) server.fakes.lastCommand.get();
        assertThat(command.clientTimestamp().value()).isEqualTo(FakeUseCases.T0);
        assertThat(command.ciphertext().length()).isEqualTo(3);
        TestServer.Response repeated = server.post("/v1/dm/messages/send", body.formatted("dup"));
        assertThat(repeated.status()).isEqualTo(200);
        assertDocumented("/v1/dm/messages/send", repeated);
    }

    @Test
    void historyPagesWithCursorAndLimit() {
        TestServer.Response response = server.get("/v1/dm/messages/history?sessionId=0BADCAFE&afterId=5&limit=2");
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().path("hasMore").asBoolean()).isTrue();
        JsonNode first = response.json().path("messages").get(0);
        assertThat(first.get("clientMessageId").isNull()).isTrue();
        assertThat(first.get("readAt").isNull()).isTrue();
        assertThat(first.path("ciphertext").asText()).isEqualTo("AQID");
        assertDocumented("/v1/dm/messages/history", response);
        HistoryQuery query = (HistoryQuery) server.fakes.lastCommand.get();
        assertThat(query.cursor()).isEqualTo(new HistoryCursor.After(MessageId.of(5)));
        assertThat(query.limit()).isEqualTo(2);
        server.get("/v1/dm/messages/history?sessionId=0badcafe");
        assertThat(((HistoryQuery) server.fakes.lastCommand.get()).limit()).isEqualTo(50);
    }

    @Test
    void conversationsWithAndWithoutLastMessage() {
        TestServer.Response response = server.get("/v1/dm/messages/conversations");
        assertThat(response.json().path("conversations").get(1).get("lastMessage").isNull()).isTrue();
        assertThat(response.json().path("conversations").get(0).path("lastMessage").path("messageId").asLong()).isEqualTo(11);
        assertThat(response.json().path("hasMore").asBoolean()).isFalse();
        assertThat(response.json().get("nextCursor").isNull()).isTrue();
        assertDocumented("/v1/dm/messages/conversations", response);
        ConversationsQuery query = (ConversationsQuery) server.fakes.lastCommand.get();
        assertThat(query.cursor()).isNull();
        assertThat(query.limit()).isEqualTo(50);
    }

    @Test
    void conversationsPageWithLimitAndTheCursorOfThePreviousPage() {
        TestServer.Response first = server.get("/v1/dm/messages/conversations?limit=1");
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.json().path("conversations").size()).isEqualTo(1);
        assertThat(first.json().path("hasMore").asBoolean()).isTrue();
        String cursor = first.json().path("nextCursor").asText();
        assertThat(cursor).isEqualTo(FakeUseCases.T0.toEpochMilli() + ".3");
        assertDocumented("/v1/dm/messages/conversations", first);

        server.get("/v1/dm/messages/conversations?cursor=" + cursor + "&limit=7");
        ConversationsQuery query = (ConversationsQuery) server.fakes.lastCommand.get();
        assertThat(query.cursor()).isEqualTo(new ConversationCursor(FakeUseCases.T0, new SessionDbId(3)));
        assertThat(query.limit()).isEqualTo(7);
    }

    @Test
    void receiptsSingleAndBatch() {
        TestServer.Response single = server.post("/v1/dm/messages/receipts", "{\"messageId\":10,\"status\":\"READ\"}");
        assertThat(single.body()).isEqualTo("{\"ok\":true}");
        assertDocumented("/v1/dm/messages/receipts", single);
        TestServer.Response batch = server.post("/v1/dm/messages/receipts", "{\"messageIds\":[10,11],\"status\":\"DELIVERED\"}");
        assertThat(batch.status()).isEqualTo(200);
        ReceiptCommand command = (ReceiptCommand) server.fakes.lastCommand.get();
        assertThat(command.messageIds()).containsExactly(MessageId.of(10), MessageId.of(11));
        assertThat(command.status()).isEqualTo(ReceiptStatus.DELIVERED);
        assertThat(List.of(Platform.values())).isNotEmpty();
    }
}
