package io.convro.adapter.http;

import static io.convro.adapter.http.OpenApiSchemas.assertDocumented;
import static org.assertj.core.api.Assertions.assertThat;

import io.convro.application.messages.SendFanoutCommand;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The routes of API.md §9 over real HTTP on fake use cases: status, JSON shape (checked against /openapi.json), field names. */
class FanoutRoutesTest {
    private static final String TAG = Base64.getEncoder().encodeToString(new byte[16]);
    private static final String CIPHERTEXT = Base64.getEncoder().encodeToString(new byte[] {1, 2, 3});
    private static TestServer server;

    @BeforeAll
    static void start() {
        server = new TestServer();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static String entry(String sessionId, String device, String tag) {
        return "{\"sessionId\":\"" + sessionId + "\",\"recipientDeviceId\":\"" + device + "\",\"ciphertext\":\"" + CIPHERTEXT
                + "\",\"authTag\":\"" + tag + "\"}";
    }

    private static String body(long recipient, String... entries) {
        return "{\"recipientUserId\":" + recipient + ",\"clientMessageId\":\"f-1\",\"includeOwnDevices\":true,\"messages\":["
                + String.join(",", entries) + "]}";
    }

    @Test
    void aFanOutAnswers201WithEveryCopyAndPassesDomainTypesToTheUseCase() {
        TestServer.Response response = server.post("/v1/dm/messages/fanout",
                body(2, entry("0A0B0C0D", "BBBBBBBBBBBBBBBB", TAG), entry("01020304", "cccccccccccccccc", TAG)));
        assertThat(response.status()).isEqualTo(201);
        assertThat(response.body()).isEqualTo("{\"ok\":true,\"serverTimestamp\":\"2026-11-25T14:10:54.120Z\",\"messages\":["
                + "{\"recipientDeviceId\":\"bbbbbbbbbbbbbbbb\",\"messageId\":77},{\"recipientDeviceId\":\"cccccccccccccccc\",\"messageId\":77}]}");
        assertDocumented("/v1/dm/messages/fanout", response);
        SendFanoutCommand command = (SendFanoutCommand) server.fakes.lastCommand.get();
        assertThat(command.includeOwnDevices()).isTrue();
        assertThat(command.clientMessageId().value()).isEqualTo("f-1");
        assertThat(command.entries().get(0).sessionId().value()).isEqualTo("0a0b0c0d");
    }

    @Test
    void aBadEntryIsNamedByItsIndexAndTheLowestFailingIndexWins() {
        TestServer.Response response = server.post("/v1/dm/messages/fanout", body(2, entry("0a0b0c0d", "bbbbbbbbbbbbbbbb", TAG),
                entry("01020304", "cccccccccccccccc", "c2hvcnQ="), entry("zz", "dddddddddddddddd", TAG)));
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().path("error").asText()).isEqualTo("INVALID_AUTH_TAG");
        assertThat(response.json().path("field").asText()).isEqualTo("messages[1].authTag");
        assertDocumented("/v1/dm/messages/fanout", response);

        TestServer.Response recipient = server.post("/v1/dm/messages/fanout", body(2, entry("0a0b0c0d", "not-a-device", TAG)));
        assertThat(recipient.json().path("error").asText()).isEqualTo("INVALID_RECIPIENT");
        assertThat(recipient.json().path("field").asText()).isEqualTo("messages[0].recipientDeviceId");
    }

    @Test
    void recipientsAreCheckedAfterTheEntriesAndBeforeTheRecipientUser() {
        TestServer.Response none = server.post("/v1/dm/messages/fanout", "{\"recipientUserId\":2,\"messages\":[]}");
        assertThat(none.status()).isEqualTo(400);
        assertThat(none.json().path("error").asText()).isEqualTo("NO_RECIPIENTS");
        TestServer.Response twice = server.post("/v1/dm/messages/fanout",
                body(0, entry("0a0b0c0d", "bbbbbbbbbbbbbbbb", TAG), entry("01020304", "bbbbbbbbbbbbbbbb", TAG)));
        assertThat(twice.json().path("error").asText()).isEqualTo("DUPLICATE_RECIPIENT");
        assertThat(twice.json().path("field").asText()).isEqualTo("messages[1].recipientDeviceId");
        TestServer.Response noUser = server.post("/v1/dm/messages/fanout", body(0, entry("0a0b0c0d", "bbbbbbbbbbbbbbbb", TAG)));
        assertThat(noUser.status()).isEqualTo(404);
        assertThat(noUser.json().path("error").asText()).isEqualTo("USER_NOT_FOUND");
        TestServer.Response wrongType = server.post("/v1/dm/messages/fanout", "{\"recipientUserId\":\"two\",\"messages\":[]}");
        assertThat(wrongType.json().path("error").asText()).isEqualTo("INVALID_JSON");
    }

    @Test
    void aDeviceListMismatchIs409WithTheMissingAndExtraDevices() {
        TestServer.Response response = server.post("/v1/dm/messages/fanout", body(409, entry("0a0b0c0d", "aaaaaaaaaaaaaaaa", TAG)));
        assertThat(response.status()).isEqualTo(409);
        assertThat(response.json().path("error").asText()).isEqualTo("DEVICE_LIST_MISMATCH");
        assertThat(response.json().path("missingDevices").toString()).isEqualTo("[\"bbbbbbbbbbbbbbbb\"]");
        assertThat(response.json().path("extraDevices").toString()).isEqualTo("[\"aaaaaaaaaaaaaaaa\"]");
        assertDocumented("/v1/dm/messages/fanout", response);
    }

    @Test
    void bundlesAnswerTheUserAndABundlePerDevice() {
        TestServer.Response response = server.get("/v1/prekeys/bundles?user_id=2");
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().path("userId").asLong()).isEqualTo(2);
        assertThat(response.json().path("devices").get(0).path("responderDeviceId").asText()).isEqualTo("bbbbbbbbbbbbbbbb");
        assertDocumented("/v1/prekeys/bundles", response);
        assertThat(server.get("/v1/prekeys/bundles?user_id=x").json().path("error").asText()).isEqualTo("INVALID_QUERY");
        assertThat(server.get("/v1/prekeys/bundles?user_id=404").status()).isEqualTo(404);
    }
}
