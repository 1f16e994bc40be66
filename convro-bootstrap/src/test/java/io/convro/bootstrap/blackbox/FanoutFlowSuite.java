package io.convro.bootstrap.blackbox;

import static io.convro.bootstrap.blackbox.ClientKeys.b64;
import static io.convro.bootstrap.blackbox.ClientKeys.hex;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.convro.bootstrap.ConvroConfig;
import io.convro.bootstrap.ConvroServer;
import io.convro.bootstrap.blackbox.BlackBoxHttp.Response;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The assembled server over real HTTP through §9's flow: a person with two devices, the sender told which one it
 * missed, bundles, a session with it, the retry reaching both, an idempotent repeat, and §9's errors. Every answer
 * is validated against /openapi.json by {@link BlackBoxHttp}. Subclasses choose the database.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class FanoutFlowSuite {
    private static final String PASSWORD = "correct horse battery";
    private static final String TAG = b64(new byte[16]);

    private ConvroServer server;
    private BlackBoxHttp http;
    private final String suffix = hex(6);

    private DmFlowSuite.Account alice;
    private DmFlowSuite.Account bobPhone;
    private DmFlowSuite.Account bobLaptop;
    private DmFlowSuite.Account carol;
    private String withPhone;
    private String withLaptop;
    private final List<Long> firstIds = new ArrayList<>();

    /** Prepare the database (or abort the class when it is not available) and return the server's environment. */
    protected abstract Map<String, String> prepare() throws Exception;

    protected abstract void cleanUp() throws Exception;

    @BeforeAll
    void startServer() throws Exception {
        Map<String, String> env = new HashMap<>(prepare());
        env.put("CONVRO_HTTP_PORT", "0");
        env.put("CONVRO_HTTP_HOST", "127.0.0.1");
        env.put("CONVRO_AUTH_RATE_LIMIT", "100");
        server = new ConvroServer(ConvroConfig.from(env)).start();
        http = new BlackBoxHttp(server.port(), response -> { });
    }

    @AfterAll
    void stop() throws Exception {
        try {
            if (server != null) {
                server.close();
            }
        } finally {
            cleanUp();
        }
    }

    private DmFlowSuite.Account register(String name) {
        return DmFlowSuite.Account.of(http.post(null, "/v1/auth/register",
                "{\"password\":\"" + PASSWORD + "\",\"username\":\"" + name + suffix + "\"}").expect(201));
    }

    private void upload(DmFlowSuite.Account device, String signedKeyId, String otpPrefix) {
        http.post(device.accessToken(), "/v1/prekeys/upload", new ClientKeys().uploadBody(signedKeyId, otpPrefix, 3)).expect(200);
    }

    /** Open and accept a session from {@code from} to {@code to}: its 8-hex sessionId. */
    private String activeSession(DmFlowSuite.Account from, DmFlowSuite.Account to) {
        String sessionId = hex(8);
        String offer = "{\"version\":1,\"initiatorDeviceId\":\"" + from.deviceId() + "\",\"responderDeviceId\":\"" + to.deviceId()
                + "\",\"sessionId\":\"" + sessionId + "\",\"ephemeralPublicKeyX25519\":\"" + b64(new byte[32])
                + "\",\"usedSignedPrekeyPublicKeyX25519\":\"" + b64(new byte[32]) + "\",\"usedOneTimePrekeyId\":null}";
        long sessionDbId = http.post(from.accessToken(), "/v1/dm/sessions/open",
                "{\"peerUserId\":" + to.userId() + ",\"handshakeOffer\":" + offer + "}").expect(201).path("sessionDbId").asLong();
        http.post(to.accessToken(), "/v1/dm/sessions/accept", "{\"sessionDbId\":" + sessionDbId + "}").expect(200);
        return sessionId;
    }

    private static String entry(String sessionId, DmFlowSuite.Account to, String ciphertext) {
        return "{\"sessionId\":\"" + sessionId + "\",\"recipientDeviceId\":\"" + to.deviceId() + "\",\"ciphertext\":\"" + ciphertext
                + "\",\"authTag\":\"" + TAG + "\"}";
    }

    private Response fanout(long recipient, String clientMessageId, String... entries) {
        return http.post(alice.accessToken(), "/v1/dm/messages/fanout", "{\"recipientUserId\":" + recipient
                + (clientMessageId == null ? "" : ",\"clientMessageId\":\"" + clientMessageId + "\"")
                + ",\"messages\":[" + String.join(",", entries) + "]}");
    }

    @Test
    @Order(1)
    void aPersonWithTwoDevicesHasABundleForEach() {
        alice = register("alice_f");
        bobPhone = register("bob_f");
        carol = register("carol_f");
        upload(alice, "a000000000000001", "a1");
        upload(bobPhone, "b000000000000001", "b1");
        bobLaptop = DmFlowSuite.Account.of(http.post(null, "/v1/auth/login",
                "{\"password\":\"" + PASSWORD + "\",\"username\":\"bob_f" + suffix + "\"}").expect(200));
        upload(bobLaptop, "c000000000000001", "c1");

        JsonNode bundles = http.get(alice.accessToken(), "/v1/prekeys/bundles?user_id=" + bobPhone.userId()).expect(200);
        assertThat(bundles.path("userId").asLong()).isEqualTo(bobPhone.userId());
        assertThat(bundles.path("devices")).extracting(device -> device.path("responderDeviceId").asText())
                .containsExactly(bobPhone.deviceId(), bobLaptop.deviceId());
        assertThat(bundles.path("devices").get(0).path("oneTimePrekeyId").asText()).startsWith("b1");
        assertThat(http.get(bobLaptop.accessToken(), "/v1/prekeys/bundles?user_id=" + bobPhone.userId()).expect(200)
                .path("devices")).as("the caller's own device is left out").hasSize(1);
        assertThat(http.get(alice.accessToken(), "/v1/prekeys/bundles?user_id=" + carol.userId()).expect(200).path("devices")).isEmpty();
        http.get(alice.accessToken(), "/v1/prekeys/bundles?user_id=999999999").expectError(404, "USER_NOT_FOUND");
        http.get(alice.accessToken(), "/v1/prekeys/bundles").expectError(400, "INVALID_QUERY");
    }

    @Test
    @Order(2)
    void theSecondDeviceIsReportedMissingThenTheRetryReachesBoth() {
        withPhone = activeSession(alice, bobPhone);
        Response mismatch = fanout(bobPhone.userId(), "hello-1", entry(withPhone, bobPhone, b64(new byte[] {1})));
        mismatch.expectError(409, "DEVICE_LIST_MISMATCH");
        assertThat(mismatch.json().path("missingDevices").toString()).isEqualTo("[\"" + bobLaptop.deviceId() + "\"]");
        assertThat(mismatch.json().path("extraDevices").toString()).isEqualTo("[]");

        withLaptop = activeSession(alice, bobLaptop);
        JsonNode sent = fanout(bobPhone.userId(), "hello-1", entry(withPhone, bobPhone, b64(new byte[] {1})),
                entry(withLaptop, bobLaptop, b64(new byte[] {2}))).expect(201);
        assertThat(sent.path("messages")).extracting(copy -> copy.path("recipientDeviceId").asText())
                .containsExactly(bobPhone.deviceId(), bobLaptop.deviceId());
        sent.path("messages").forEach(copy -> firstIds.add(copy.path("messageId").asLong()));

        JsonNode phoneHistory = http.get(bobPhone.accessToken(), "/v1/dm/messages/history?sessionId=" + withPhone).expect(200);
        JsonNode laptopHistory = http.get(bobLaptop.accessToken(), "/v1/dm/messages/history?sessionId=" + withLaptop).expect(200);
        assertThat(phoneHistory.path("messages").get(0).path("messageId").asLong()).isEqualTo(firstIds.get(0));
        assertThat(laptopHistory.path("messages").get(0).path("messageId").asLong()).isEqualTo(firstIds.get(1));
        assertThat(laptopHistory.path("messages").get(0).path("serverTimestamp").asText()).isEqualTo(sent.path("serverTimestamp").asText());
        assertThat(laptopHistory.path("messages").get(0).path("clientMessageId").asText()).isEqualTo("hello-1");
    }

    @Test
    @Order(3)
    void aRepeatAnswersTheOriginalIdsWhateverTheBodySays() {
        JsonNode repeat = fanout(bobPhone.userId(), "hello-1", entry(withPhone, bobPhone, b64(new byte[] {9}))).expect(200);
        assertThat(repeat.path("messages")).extracting(copy -> copy.path("messageId").asLong()).containsExactlyElementsOf(firstIds);
        assertThat(http.get(bobPhone.accessToken(), "/v1/dm/messages/history?sessionId=" + withPhone).expect(200)
                .path("messages")).hasSize(1);
    }

    @Test
    @Order(4)
    void badFanOutsAreRejectedInTheContractsOrderAndStoreNothing() {
        String good = entry(withPhone, bobPhone, b64(new byte[] {1}));
        Response badTag = http.post(alice.accessToken(), "/v1/dm/messages/fanout", "{\"recipientUserId\":" + bobPhone.userId()
                + ",\"messages\":[" + good + ",{\"sessionId\":\"" + withLaptop + "\",\"recipientDeviceId\":\"" + bobLaptop.deviceId()
                + "\",\"ciphertext\":\"AQ==\",\"authTag\":\"AQ==\"}]}");
        badTag.expectError(400, "INVALID_AUTH_TAG");
        assertThat(badTag.json().path("field").asText()).isEqualTo("messages[1].authTag");
        fanout(bobPhone.userId(), null).expectError(400, "NO_RECIPIENTS");
        String[] many = new String[21];
        for (int i = 0; i < many.length; i++) {
            many[i] = "{\"sessionId\":\"" + withPhone + "\",\"recipientDeviceId\":\"" + hex(16) + "\",\"ciphertext\":\"AQ==\",\"authTag\":\"" + TAG + "\"}";
        }
        fanout(bobPhone.userId(), null, many).expectError(400, "TOO_MANY_RECIPIENTS");
        fanout(bobPhone.userId(), null, good, good).expectError(400, "DUPLICATE_RECIPIENT");
        fanout(999_999_999L, null, good).expectError(404, "USER_NOT_FOUND");
        fanout(carol.userId(), null, good).expectError(404, "PREKEYS_NOT_FOUND");
        Response extra = fanout(bobPhone.userId(), null, good, entry(withLaptop, bobLaptop, "AQ=="),
                "{\"sessionId\":\"" + withPhone + "\",\"recipientDeviceId\":\"" + carol.deviceId() + "\",\"ciphertext\":\"AQ==\",\"authTag\":\"" + TAG + "\"}");
        extra.expectError(409, "DEVICE_LIST_MISMATCH");
        assertThat(extra.json().path("extraDevices").toString()).isEqualTo("[\"" + carol.deviceId() + "\"]");
        fanout(bobPhone.userId(), null, good, entry("0badc0de", bobLaptop, "AQ==")).expectError(404, "SESSION_NOT_FOUND");
        assertThat(http.get(bobPhone.accessToken(), "/v1/dm/messages/history?sessionId=" + withPhone).expect(200)
                .path("messages")).as("nothing stored").hasSize(1);
    }

    @Test
    @Order(5)
    void theRouteTakesBodiesUpTo2MiB() {
        String big = b64(new byte[60_000]);
        String[] entries = {entry(withPhone, bobPhone, big), entry(withLaptop, bobLaptop, big)};
        Response accepted = fanout(bobPhone.userId(), "big-1", entries);
        assertThat(accepted.status()).as("160 KB, over /send's 128 KiB").isEqualTo(201);
        String huge = "{\"recipientUserId\":" + bobPhone.userId() + ",\"messages\":[],\"padding\":\"" + "x".repeat(2 * 1024 * 1024) + "\"}";
        http.post(alice.accessToken(), "/v1/dm/messages/fanout", huge).expectError(413, "PAYLOAD_TOO_LARGE");
    }
}
