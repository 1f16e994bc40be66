package io.convro.bootstrap.blackbox;

import io.convro.bootstrap.testsupport.ForgedTokens;
import static io.convro.bootstrap.blackbox.ClientKeys.b64;
import static io.convro.bootstrap.blackbox.ClientKeys.hex;
import static io.convro.bootstrap.blackbox.ClientKeys.random;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.convro.adapter.http.OpenApiSchemas;
import io.convro.bootstrap.ConvroConfig;
import io.convro.bootstrap.ConvroServer;
import io.convro.bootstrap.blackbox.BlackBoxHttp.Response;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The assembled server (ConvroServer, in-process, on a free port) driven over real HTTP through the DM flow in
 * API.md's order, provoking every error code of §0–§6 on the way. Each step builds on the state of the ones
 * before it. Every answer is validated against /openapi.json; the class ends by checking that every expected
 * error code was seen ({@link ErrorChecklist}). Subclasses choose the database.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class DmFlowSuite {
    static final String PASSWORD = "correct horse battery";
    /** Per route and minute; the flow sends fewer than 40 requests to any one auth route. */
    static final int AUTH_RATE_LIMIT = 100;
    private static final ObjectMapper EXACT = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private final ErrorChecklist checklist = new ErrorChecklist();
    private ConvroServer server;
    BlackBoxHttp http;

    // the flow's state, filled in step by step
    private final ClientKeys aliceKeys = new ClientKeys();
    private final ClientKeys bobKeys = new ClientKeys();
    private Account alice;
    private Account bob;
    private Account carol;
    private String sessionId;
    private long sessionDbId;
    private String bobSignedPrekey;
    private String bundleOtpId;
    private final List<Long> aliceMessages = new ArrayList<>();
    private long bobMessage;

    /** Prepare the database (or abort the class when it is not available) and return the server's environment. */
    protected abstract Map<String, String> prepare() throws Exception;

    /** The HS256 key the server signs with, to forge tokens. */
    protected abstract byte[] jwtSecret();

    /** A JDBC connection to the server's database, for the few states HTTP cannot reach (expiry, exhaustion). */
    protected abstract Connection database() throws SQLException;

    protected abstract void cleanUp() throws Exception;

    record Account(long userId, String convroNumber, String username, String deviceId, String accessToken,
                   String refreshToken) {
        static Account of(JsonNode json) {
            return new Account(json.path("userId").asLong(), json.path("convroNumber").asText(),
                    json.path("username").asText(null), json.path("deviceId").asText(), json.path("accessToken").asText(),
                    json.path("refreshToken").asText());
        }

        Account withTokens(JsonNode json) {
            return new Account(userId, convroNumber, username, json.path("deviceId").asText(deviceId),
                    json.path("accessToken").asText(), json.path("refreshToken").asText());
        }
    }

    @BeforeAll
    void startServer() throws Exception {
        Map<String, String> env = new HashMap<>(prepare());
        env.put("CONVRO_HTTP_PORT", "0");
        env.put("CONVRO_HTTP_HOST", "127.0.0.1");
        // every request of the suite comes from one address: room for the flow, and a limit the last step can reach
        env.put("CONVRO_AUTH_RATE_LIMIT", Integer.toString(AUTH_RATE_LIMIT));
        server = new ConvroServer(ConvroConfig.from(env)).start();
        http = new BlackBoxHttp(server.port(), checklist::observe);
    }

    @AfterAll
    void stopAndCheckEveryCodeWasSeen() throws Exception {
        try {
            if (server != null) {
                assertThat(checklist.missing()).as("error codes of API.md §0–§6 never provoked (seen: %s)",
                        checklist.observed()).isEmpty();
            }
        } finally {
            if (server != null) {
                server.close();
            }
            cleanUp();
        }
    }

    // ---------------------------------------------------------------- §0, §1

    @Test
    @Order(1)
    void healthStatusPageAndTheServedOpenApiDocument() {
        JsonNode health = http.get(null, "/health").expect(200);
        assertThat(health.path("status").asText()).isEqualTo("ok");
        assertThat(health.path("db").asText()).isEqualTo("up");
        assertThat(health.path("timestamp").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
        Response page = http.get(null, "/");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.contentType()).startsWith("text/html");
        assertThat(page.body()).contains("/health", "Socket.IO");
        assertThat(http.get(null, "/openapi.json").expect(200)).as("the served document is the one the checks use")
                .isEqualTo(OpenApiSchemas.DOCUMENT.tree());
    }

    @Test
    @Order(2)
    void generalErrorsAreJsonWithTheirCodes() {
        http.get(null, "/v1/nope").expectError(404, "NOT_FOUND");
        http.get(null, "/nope/deeper?x=1").expectError(404, "NOT_FOUND");
        http.get(null, "/v1/auth/register").expectError(405, "METHOD_NOT_ALLOWED");
        http.delete(null, "/v1/auth/me").expectError(405, "METHOD_NOT_ALLOWED");
        http.post(null, "/v1/auth/register", "{\"password\":").expectError(400, "INVALID_JSON");
        http.post(null, "/v1/auth/register", "not json").expectError(400, "INVALID_JSON");
        http.post(null, "/v1/auth/register", "").expectError(400, "INVALID_JSON");
        Response wrongType = http.post(null, "/v1/auth/register", "{\"password\":12345678}");
        wrongType.expectError(400, "INVALID_JSON");
        assertThat(wrongType.json().path("field").asText()).isEqualTo("password");
        http.post(null, "/v1/auth/login", "{\"password\":[\"x\"],\"username\":\"alice\"}").expectError(400, "INVALID_JSON");
        // 64 KiB is the limit for everything but send
        http.post(null, "/v1/auth/register", "{\"password\":\"" + "x".repeat(64 * 1024) + "\"}").expectError(413, "PAYLOAD_TOO_LARGE");
        byte[] chunked = ("{\"password\":\"" + "x".repeat(70 * 1024) + "\"}").getBytes(StandardCharsets.UTF_8);
        http.send(HttpRequest.newBuilder(http.uri("/v1/auth/register")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(chunked))).build())
                .expectError(413, "PAYLOAD_TOO_LARGE");
        http.get(null, "/v1/auth/me").expectError(401, "UNAUTHORIZED");
        http.send(HttpRequest.newBuilder(http.uri("/v1/auth/me")).header("Authorization", "Basic YTpi").GET().build())
                .expectError(401, "UNAUTHORIZED");
        http.get("not.a.jwt", "/v1/auth/me").expectError(401, "UNAUTHORIZED");
    }

    // ---------------------------------------------------------------- §2 auth

    @Test
    @Order(10)
    void registerTwoUsers() {
        String aliceDevice = hex(16).toUpperCase(Locale.ROOT);
        JsonNode a = http.post(null, "/v1/auth/register", """
                {"password":"%s","username":"Alice_bb","fullName":"Alice B. Box","deviceId":"%s","platform":"ios","deviceLabel":"phone"}"""
                .formatted(PASSWORD, aliceDevice)).expect(201);
        alice = Account.of(a);
        assertThat(alice.deviceId()).as("stored and returned lowercase").isEqualTo(aliceDevice.toLowerCase(Locale.ROOT));
        assertThat(alice.username()).isEqualTo("Alice_bb");
        assertThat(a.path("platform").asText()).isEqualTo("ios");
        assertThat(alice.convroNumber()).matches("\\+99[0-9]{6}");
        assertThat(alice.refreshToken()).startsWith("rt_");
        JsonNode b = http.post(null, "/v1/auth/register", "{\"password\":\"" + PASSWORD + "\",\"unknownField\":true}").expect(201);
        bob = Account.of(b);
        assertThat(b.path("username").isNull()).isTrue();
        assertThat(b.path("fullName").isNull()).isTrue();
        assertThat(b.path("platform").asText()).isEqualTo("unknown");
        assertThat(bob.deviceId()).matches("[0-9a-f]{16}");
        assertThat(bob.convroNumber()).isNotEqualTo(alice.convroNumber());
    }

    @Test
    @Order(11)
    void registerRejections() {
        register("{\"password\":\"short\"}").expectError(400, "PASSWORD_TOO_SHORT");
        register("{\"password\":\"" + "p".repeat(1025) + "\"}").expectError(400, "PASSWORD_TOO_LONG");
        register("{\"password\":\"" + PASSWORD + "\",\"username\":\"a b\"}").expectError(400, "INVALID_USERNAME");
        register("{\"password\":\"" + PASSWORD + "\",\"fullName\":\"" + "f".repeat(129) + "\"}").expectError(400, "INVALID_FULL_NAME");
        register("{\"password\":\"" + PASSWORD + "\",\"deviceId\":\"xyz\"}").expectError(400, "INVALID_DEVICE_ID");
        register("{\"password\":\"" + PASSWORD + "\",\"platform\":\"toaster\"}").expectError(400, "INVALID_PLATFORM");
        register("{\"password\":\"" + PASSWORD + "\",\"deviceLabel\":\"" + "l".repeat(129) + "\"}").expectError(400, "INVALID_DEVICE_LABEL");
        register("{\"password\":\"" + PASSWORD + "\",\"username\":\"aLICE_BB\"}").expectError(409, "USERNAME_TAKEN");
        register("{\"password\":\"" + PASSWORD + "\",\"deviceId\":\"" + alice.deviceId() + "\"}").expectError(409, "DEVICE_ID_TAKEN");
    }

    @Test
    @Order(12)
    void logIn() {
        JsonNode byName = http.post(null, "/v1/auth/login", "{\"password\":\"" + PASSWORD + "\",\"username\":\"ALICE_BB\",\"deviceId\":\""
                + alice.deviceId().toUpperCase(Locale.ROOT) + "\"}").expect(200);
        assertThat(byName.path("deviceId").asText()).as("the same device is reused").isEqualTo(alice.deviceId());
        assertThat(byName.path("platform").asText()).as("an existing device keeps its platform").isEqualTo("ios");
        alice = alice.withTokens(byName);
        JsonNode byNumber = http.post(null, "/v1/auth/login", "{\"password\":\"" + PASSWORD + "\",\"convroNumber\":\""
                + bob.convroNumber() + "\",\"username\":null,\"deviceId\":\"" + bob.deviceId() + "\"}").expect(200);
        bob = bob.withTokens(byNumber);
        JsonNode me = http.get(alice.accessToken(), "/v1/auth/me").expect(200);
        assertThat(me.path("userId").asLong()).isEqualTo(alice.userId());
        assertThat(me.path("deviceId").asText()).isEqualTo(alice.deviceId());
        assertThat(me.path("username").asText()).isEqualTo("Alice_bb");

        login("{\"password\":\"" + PASSWORD + "\"}").expectError(400, "MISSING_LOGIN_IDENTIFIER");
        login("{\"password\":\"" + PASSWORD + "\",\"username\":\"alice_bb\",\"deviceId\":\"12345\"}").expectError(400, "INVALID_DEVICE_ID");
        login("{\"password\":\"wrong password\",\"username\":\"alice_bb\"}").expectError(401, "INVALID_CREDENTIALS");
        login("{\"password\":\"" + PASSWORD + "\",\"username\":\"nobody_here\"}").expectError(401, "INVALID_CREDENTIALS");
        login("{\"password\":\"" + PASSWORD + "\",\"convroNumber\":\"" + bob.convroNumber() + "\",\"deviceId\":\"" + alice.deviceId() + "\"}")
                .expectError(403, "DEVICE_OWNED_BY_OTHER_USER");
    }

    @Test
    @Order(13)
    void refreshRotatesAndRejects() throws SQLException {
        String first = alice.refreshToken();
        JsonNode rotated = http.post(null, "/v1/auth/refresh", "{\"refreshToken\":\"" + first + "\"}").expect(200);
        assertThat(rotated.path("userId").asLong()).isEqualTo(alice.userId());
        assertThat(rotated.path("refreshToken").asText()).isNotEqualTo(first);
        alice = alice.withTokens(rotated);
        assertThat(http.get(alice.accessToken(), "/v1/auth/me").status()).isEqualTo(200);
        // a retry of the rotated token (a lost answer) within the grace gets the very same pair, and alarms nobody
        JsonNode retried = http.post(null, "/v1/auth/refresh", "{\"refreshToken\":\"" + first + "\"}").expect(200);
        assertThat(retried.path("refreshToken").asText()).isEqualTo(rotated.path("refreshToken").asText());
        assertThat(retried.path("accessToken").asText()).isEqualTo(rotated.path("accessToken").asText());

        refresh("garbage").expectError(400, "INVALID_REFRESH_TOKEN");
        http.post(null, "/v1/auth/refresh", "{}").expectError(400, "INVALID_REFRESH_TOKEN");
        refresh("rt_" + hex(32) + "_" + Base64.getUrlEncoder().withoutPadding().encodeToString(random(32)))
                .expectError(401, "REFRESH_NOT_FOUND");
        String[] parts = alice.refreshToken().split("_", 3);
        refresh("rt_" + parts[1] + "_" + Base64.getUrlEncoder().withoutPadding().encodeToString(random(32)))
                .expectError(401, "REFRESH_INVALID");
        // a token that expired: the clock cannot be moved from outside, so the row's expiry is
        JsonNode login = login("{\"password\":\"" + PASSWORD + "\",\"username\":\"alice_bb\",\"deviceId\":\"" + alice.deviceId() + "\"}").expect(200);
        String doomed = login.path("refreshToken").asText();
        try (Connection db = database(); PreparedStatement update = db.prepareStatement("UPDATE refresh_tokens SET expires_at = ? WHERE jti = ?")) {
            update.setLong(1, System.currentTimeMillis() - 60_000);
            update.setString(2, doomed.split("_", 3)[1].toLowerCase(Locale.ROOT));
            assertThat(update.executeUpdate()).isEqualTo(1);
        }
        refresh(doomed).expectError(401, "REFRESH_EXPIRED");
        // reuse of a rotated token after the grace (moved back in the row, as the clock cannot be moved from outside):
        // the family is revoked, the current one too
        try (Connection db = database(); PreparedStatement update = db.prepareStatement(
                "UPDATE refresh_tokens SET revoked_at = revoked_at - 60000 WHERE jti = ?")) {
            update.setString(1, first.split("_", 3)[1].toLowerCase(Locale.ROOT));
            assertThat(update.executeUpdate()).isEqualTo(1);
        }
        refresh(first).expectError(401, "REFRESH_REVOKED");
        refresh(alice.refreshToken()).expectError(401, "REFRESH_REVOKED");
        alice = alice.withTokens(login("{\"password\":\"" + PASSWORD + "\",\"username\":\"alice_bb\",\"deviceId\":\"" + alice.deviceId() + "\"}").expect(200));
    }

    @Test
    @Order(14)
    void devicesRegisterListAndTheTenDeviceLimit() {
        carol = Account.of(register("{\"password\":\"" + PASSWORD + "\",\"username\":\"carol\",\"platform\":\"web\"}").expect(201));
        String extra = hex(16);
        JsonNode created = http.post(carol.accessToken(), "/v1/auth/devices/register",
                "{\"deviceId\":\"" + extra + "\",\"platform\":\"desktop\"}").expect(201);
        assertThat(created.path("active").asBoolean()).isTrue();
        assertThat(created.path("deviceLabel").isNull()).isTrue();
        JsonNode updated = http.post(carol.accessToken(), "/v1/auth/devices/register",
                "{\"deviceId\":\"" + extra + "\",\"platform\":\"desktop\",\"deviceLabel\":\"laptop\"}").expect(200);
        assertThat(updated.path("deviceLabel").asText()).isEqualTo("laptop");
        http.post(carol.accessToken(), "/v1/auth/devices/register", "{\"deviceId\":\"" + bob.deviceId() + "\"}")
                .expectError(409, "DEVICE_ID_TAKEN");
        http.post(carol.accessToken(), "/v1/auth/devices/register", "{\"platform\":\"web\"}").expectError(400, "INVALID_DEVICE_ID");
        http.post(carol.accessToken(), "/v1/auth/devices/register", "{\"deviceId\":\"" + hex(16) + "\",\"platform\":\"fax\"}")
                .expectError(400, "INVALID_PLATFORM");
        http.post(carol.accessToken(), "/v1/auth/devices/register", "{\"deviceId\":\"" + hex(16) + "\",\"deviceLabel\":\""
                + "l".repeat(129) + "\"}").expectError(400, "INVALID_DEVICE_LABEL");
        for (int i = 2; i < 10; i++) {
            http.post(carol.accessToken(), "/v1/auth/devices/register", "{\"deviceId\":\"" + hex(16) + "\"}").expect(201);
        }
        http.post(carol.accessToken(), "/v1/auth/devices/register", "{\"deviceId\":\"" + hex(16) + "\"}")
                .expectError(409, "TOO_MANY_DEVICES");
        Response tooMany = login("{\"password\":\"" + PASSWORD + "\",\"username\":\"carol\",\"deviceId\":\"" + hex(16) + "\"}");
        tooMany.expectError(409, "TOO_MANY_DEVICES");
        JsonNode devices = http.get(carol.accessToken(), "/v1/auth/devices").expect(200).path("devices");
        assertThat(devices).hasSize(10);
        assertThat(devices.get(0).path("deviceId").asText()).as("oldest first").isEqualTo(carol.deviceId());
        assertThat(devices.get(0).path("current").asBoolean()).isTrue();
        assertThat(devices.get(1).path("current").asBoolean()).isFalse();
        assertThat(devices.get(0).path("hasPrekeys").asBoolean()).isFalse();
        // the same list, except that a refused login has no "current" device
        devices.forEach(device -> ((ObjectNode) device).put("current", false));
        assertThat(tooMany.json().path("devices")).isEqualTo(devices);
    }

    // ---------------------------------------------------------------- §4 prekeys (upload), §3 users

    @Test
    @Order(20)
    void uploadPrekeysSignedWithARealEd25519Key() {
        JsonNode up = http.post(alice.accessToken(), "/v1/prekeys/upload", aliceKeys.uploadBody("a000000000000001", "a1", 2)).expect(200);
        assertThat(up.path("storedOneTimePrekeys").asInt()).isEqualTo(2);
        assertThat(up.path("deviceId").asText()).isEqualTo(alice.deviceId());
        String bobBody = bobKeys.uploadBody("B000000000000001", "b1", 3);
        JsonNode bobUp = http.post(bob.accessToken(), "/v1/prekeys/upload", bobBody).expect(200);
        assertThat(bobUp.path("storedOneTimePrekeys").asInt()).isEqualTo(3);
        assertThat(http.post(bob.accessToken(), "/v1/prekeys/upload", bobBody).expect(200).path("storedOneTimePrekeys").asInt())
                .as("keyIds already stored are skipped").isZero();
        bobSignedPrekey = readTree(bobBody).path("signedPrekey").path("publicKeyX25519").asText();
        JsonNode status = http.get(bob.accessToken(), "/v1/prekeys/status").expect(200);
        assertThat(status.path("identityUploaded").asBoolean()).isTrue();
        assertThat(status.path("signedPrekeyId").asText()).isEqualTo("b000000000000001");
        assertThat(status.path("oneTimePrekeysAvailable").asInt()).isEqualTo(3);
    }

    @Test
    @Order(21)
    void uploadRejections() {
        String key = b64(random(32));
        String good = aliceKeys.uploadBody("a000000000000002", "a2", 1);
        JsonNode tree = readTree(good);
        String identity = tree.path("identity").toString();
        String signed = tree.path("signedPrekey").toString();
        upload("{\"identity\":{\"publicKeyEd25519\":\"not base64!\"},\"signedPrekey\":" + signed + "}").expectError(400, "INVALID_IDENTITY_KEY");
        upload("{\"signedPrekey\":" + signed + "}").expectError(400, "INVALID_IDENTITY_KEY");
        upload("{\"identity\":" + identity + "}").expectError(400, "INVALID_SIGNED_PREKEY");
        upload("{\"identity\":" + identity + ",\"signedPrekey\":{\"keyId\":\"a000000000000002\",\"publicKeyX25519\":\"" + b64(random(31))
                + "\",\"signatureEd25519\":\"" + b64(random(64)) + "\"}}").expectError(400, "INVALID_SIGNED_PREKEY");
        // a well-formed signature over other bytes
        upload("{\"identity\":" + identity + ",\"signedPrekey\":{\"keyId\":\"a000000000000002\",\"publicKeyX25519\":\"" + key
                + "\",\"signatureEd25519\":\"" + aliceKeys.sign(random(32)) + "\"}}").expectError(400, "INVALID_SIGNED_PREKEY_SIGNATURE");
        upload("{\"identity\":" + identity + ",\"signedPrekey\":{\"keyId\":\"zz\",\"publicKeyX25519\":\"" + key
                + "\",\"signatureEd25519\":\"" + b64(random(64)) + "\"}}").expectError(400, "INVALID_KEY_ID");
        upload("{\"identity\":" + identity + ",\"signedPrekey\":" + signed + ",\"oneTimePrekeys\":[{\"keyId\":\"" + hex(16)
                + "\",\"publicKeyX25519\":\"AAAA\"}]}").expectError(400, "INVALID_ONE_TIME_PREKEY");
        upload("{\"identity\":" + identity + ",\"signedPrekey\":" + signed + ",\"oneTimePrekeys\":[{\"keyId\":\"12\",\"publicKeyX25519\":\""
                + key + "\"}]}").expectError(400, "INVALID_KEY_ID");
        upload(aliceKeys.uploadBody("a000000000000002", "a3", 101)).expectError(400, "TOO_MANY_PREKEYS");
        upload("{\"identity\":\"key\"}").expectError(400, "INVALID_JSON");
        assertThat(http.get(alice.accessToken(), "/v1/prekeys/status").expect(200).path("oneTimePrekeysAvailable").asInt())
                .as("a rejected upload stores nothing").isEqualTo(2);
    }

    @Test
    @Order(22)
    void resolveByNumberAlsoWithAnUnencodedPlus() {
        String digits = bob.convroNumber().substring(1);
        JsonNode encoded = http.get(alice.accessToken(), "/v1/users/resolve?convroNumber=%2B" + digits).expect(200);
        assertThat(encoded.path("userId").asLong()).isEqualTo(bob.userId());
        assertThat(encoded.path("username").isNull()).isTrue();
        assertThat(encoded.has("deviceId")).as("no device ids revealed").isFalse();
        // the '+' exactly as a careless client sends it, byte for byte: it arrives as a space
        Response raw = http.raw("GET", "/v1/users/resolve?convroNumber=+" + digits, alice.accessToken(), null);
        assertThat(raw.expect(200)).isEqualTo(encoded);
        assertThat(http.get(alice.accessToken(), "/v1/users/resolve?convroNumber=+" + digits).expect(200)).isEqualTo(encoded);
        JsonNode byName = http.get(bob.accessToken(), "/v1/users/resolve?username=alice_BB").expect(200);
        assertThat(byName.path("userId").asLong()).isEqualTo(alice.userId());
        assertThat(byName.path("fullName").asText()).isEqualTo("Alice B. Box");

        http.get(alice.accessToken(), "/v1/users/resolve").expectError(400, "INVALID_QUERY");
        http.get(alice.accessToken(), "/v1/users/resolve?convroNumber=%2B" + digits + "&username=carol").expectError(400, "INVALID_QUERY");
        http.get(alice.accessToken(), "/v1/users/resolve?username=nobody_here").expectError(404, "USER_NOT_FOUND");
    }

    @Test
    @Order(23)
    void bundleConsumesAOneTimePrekeyAndCarriesAVerifiableSignature() {
        JsonNode bundle = http.get(alice.accessToken(), "/v1/prekeys/bundle?user_id=" + bob.userId()).expect(200);
        assertThat(bundle.path("responderDeviceId").asText()).isEqualTo(bob.deviceId());
        assertThat(bundle.path("signedPrekeyId").asText()).isEqualTo("b000000000000001");
        assertThat(bundle.path("signedPrekeyPublicKeyX25519").asText()).isEqualTo(bobSignedPrekey);
        assertThat(ClientKeys.verify(bundle.path("identityPublicKeyEd25519").asText(),
                Base64.getDecoder().decode(bundle.path("signedPrekeyPublicKeyX25519").asText()),
                bundle.path("signedPrekeySignature").asText())).as("the signature verifies with the JDK").isTrue();
        bundleOtpId = bundle.path("oneTimePrekeyId").asText();
        assertThat(bundleOtpId).startsWith("b1");
        JsonNode second = http.get(alice.accessToken(), "/v1/prekeys/bundle?user_id=" + bob.userId() + "&device_id=" + bob.deviceId()).expect(200);
        assertThat(second.path("oneTimePrekeyId").asText()).as("never handed out twice").isNotEqualTo(bundleOtpId);
        http.get(alice.accessToken(), "/v1/prekeys/bundle?user_id=" + bob.userId()).expect(200);
        JsonNode drained = http.get(alice.accessToken(), "/v1/prekeys/bundle?user_id=" + bob.userId()).expect(200);
        assertThat(drained.path("oneTimePrekeyId").isNull()).isTrue();
        assertThat(drained.path("oneTimePrekeyPublicKeyX25519").isNull()).isTrue();

        http.get(alice.accessToken(), "/v1/prekeys/bundle").expectError(400, "INVALID_QUERY");
        http.get(alice.accessToken(), "/v1/prekeys/bundle?user_id=abc").expectError(400, "INVALID_QUERY");
        http.get(alice.accessToken(), "/v1/prekeys/bundle?user_id=999999999").expectError(404, "USER_NOT_FOUND");
        http.get(alice.accessToken(), "/v1/prekeys/bundle?user_id=" + bob.userId() + "&device_id=" + hex(16)).expectError(404, "DEVICE_NOT_FOUND");
        http.get(alice.accessToken(), "/v1/prekeys/bundle?user_id=" + carol.userId()).expectError(404, "PREKEYS_NOT_FOUND");
    }

    // ---------------------------------------------------------------- §5 sessions

    @Test
    @Order(30)
    void openKeepsTheOfferVerbatim() {
        sessionId = hex(8);
        String offer = offer(alice.deviceId(), bob.deviceId(), sessionId.toUpperCase(Locale.ROOT), "1");
        JsonNode opened = open(alice, bob.userId(), offer).expect(201);
        assertThat(opened.path("ok").asBoolean()).isTrue();
        assertThat(opened.path("sessionId").asText()).isEqualTo(sessionId);
        assertThat(opened.path("responderUserId").asLong()).isEqualTo(bob.userId());
        assertThat(opened.path("responderDeviceId").asText()).isEqualTo(bob.deviceId());
        assertThat(opened.path("state").asText()).isEqualTo("PENDING");
        sessionDbId = opened.path("sessionDbId").asLong();
        // not accepted yet
        send(alice, message(bob.deviceId(), "early", random(8))).expectError(409, "SESSION_NOT_ACTIVE");
    }

    @Test
    @Order(31)
    void openRejections() {
        String fresh = hex(8);
        open(alice, bob.userId(), "{\"version\":1}").expectError(400, "INVALID_HANDSHAKE_OFFER");
        http.post(alice.accessToken(), "/v1/dm/sessions/open", "{\"peerUserId\":" + bob.userId() + "}").expectError(400, "INVALID_HANDSHAKE_OFFER");
        open(alice, alice.userId(), offer(alice.deviceId(), alice.deviceId(), fresh, "1")).expectError(400, "INVALID_HANDSHAKE_OFFER");
        open(alice, bob.userId(), offer(alice.deviceId(), bob.deviceId(), "xyz", "1")).expectError(400, "INVALID_SESSION_ID");
        open(alice, bob.userId(), offer(alice.deviceId(), bob.deviceId(), fresh, "2")).expectError(400, "UNSUPPORTED_HANDSHAKE_VERSION");
        open(alice, bob.userId(), offer(carol.deviceId(), bob.deviceId(), fresh, "1")).expectError(403, "INITIATOR_DEVICE_MISMATCH");
        // the contract's order: the initiator is checked against the caller before the two sides against each other
        open(alice, bob.userId(), offer(bob.deviceId(), bob.deviceId(), fresh, "1")).expectError(403, "INITIATOR_DEVICE_MISMATCH");
        open(alice, bob.userId(), offer(alice.deviceId(), hex(16), fresh, "1")).expectError(404, "RESPONDER_DEVICE_NOT_FOUND");
        open(alice, carol.userId(), offer(alice.deviceId(), bob.deviceId(), fresh, "1")).expectError(404, "RESPONDER_DEVICE_NOT_FOUND");
        open(carol, bob.userId(), offer(carol.deviceId(), bob.deviceId(), sessionId, "1")).expectError(409, "SESSION_ID_EXISTS");
        String padded = offer(alice.deviceId(), bob.deviceId(), fresh, "1").replace("{\"version\"", "{\"pad\":\"" + "x".repeat(9000) + "\",\"version\"");
        open(alice, bob.userId(), padded).expectError(413, "HANDSHAKE_OFFER_TOO_LARGE");
        http.post(alice.accessToken(), "/v1/dm/sessions/open", "{\"peerUserId\":\"" + bob.userId() + "\",\"handshakeOffer\":{}}")
                .expectError(400, "INVALID_JSON");
        http.post(alice.accessToken(), "/v1/dm/sessions/open", "{\"peerUserId\":" + bob.userId() + ",\"handshakeOffer\":\"x\"}")
                .expectError(400, "INVALID_JSON");
    }

    @Test
    @Order(32)
    void incomingShowsTheOfferExactlyAsSent() throws Exception {
        JsonNode sessions = http.get(bob.accessToken(), "/v1/dm/sessions/incoming").expect(200).path("sessions");
        assertThat(sessions).hasSize(1);
        JsonNode incoming = sessions.get(0);
        assertThat(incoming.path("sessionDbId").asLong()).isEqualTo(sessionDbId);
        assertThat(incoming.path("initiatorUserId").asLong()).isEqualTo(alice.userId());
        assertThat(incoming.path("initiatorDeviceId").asText()).isEqualTo(alice.deviceId());
        assertThat(incoming.path("initiatorConvroNumber").asText()).isEqualTo(alice.convroNumber());
        assertThat(incoming.path("initiatorUsername").asText()).isEqualTo("Alice_bb");
        String sent = offer(alice.deviceId(), bob.deviceId(), sessionId.toUpperCase(Locale.ROOT), "1");
        JsonNode raw = EXACT.readTree(http.get(bob.accessToken(), "/v1/dm/sessions/incoming").body());
        assertThat(raw.path("sessions").get(0).path("handshakeOffer")).as("kept verbatim, extra fields and number forms included")
                .isEqualTo(EXACT.readTree(sent));
        // byte for byte: whitespace, number spelling (2.50, -3e2) and escapes (\u263a) as the initiator wrote them
        assertThat(http.get(bob.accessToken(), "/v1/dm/sessions/incoming").body()).contains("\"handshakeOffer\":" + sent);
        assertThat(http.get(alice.accessToken(), "/v1/dm/sessions/incoming").expect(200).path("sessions")).isEmpty();
    }

    @Test
    @Order(33)
    void acceptOnlyByTheResponder() {
        http.post(alice.accessToken(), "/v1/dm/sessions/accept", "{\"sessionDbId\":" + sessionDbId + "}").expectError(404, "SESSION_NOT_FOUND");
        http.post(bob.accessToken(), "/v1/dm/sessions/accept", "{\"sessionDbId\":999999999}").expectError(404, "SESSION_NOT_FOUND");
        JsonNode accepted = http.post(bob.accessToken(), "/v1/dm/sessions/accept", "{\"sessionDbId\":" + sessionDbId + "}").expect(200);
        assertThat(accepted.path("state").asText()).isEqualTo("ACTIVE");
        assertThat(accepted.path("sessionId").asText()).isEqualTo(sessionId);
        assertThat(http.post(bob.accessToken(), "/v1/dm/sessions/accept", "{\"sessionDbId\":" + sessionDbId + "}").expect(200))
                .as("accepting again answers the same").isEqualTo(accepted);
        assertThat(http.get(bob.accessToken(), "/v1/dm/sessions/incoming").expect(200).path("sessions")).isEmpty();
    }

    // ---------------------------------------------------------------- §6 messages

    @Test
    @Order(40)
    void sendBothWaysIdempotently() {
        for (int i = 0; i < 5; i++) {
            JsonNode sent = send(alice, message(bob.deviceId(), "a-" + i, random(20 + i))).expect(201);
            assertThat(sent.path("deliveryState").asText()).isEqualTo("PENDING");
            assertThat(sent.path("serverTimestamp").asText()).matches(".*\\.\\d{3}Z");
            aliceMessages.add(sent.path("messageId").asLong());
        }
        assertThat(aliceMessages).isSorted().doesNotHaveDuplicates();
        JsonNode again = send(alice, message(bob.deviceId(), "a-0", random(5))).expect(200);
        assertThat(again.path("messageId").asLong()).as("a repeated clientMessageId is the original").isEqualTo(aliceMessages.get(0));
        bobMessage = send(bob, "{\"sessionId\":\"" + sessionId + "\",\"recipientDeviceId\":\"" + alice.deviceId()
                + "\",\"ciphertext\":\"" + Base64.getUrlEncoder().withoutPadding().encodeToString(random(33))
                + "\",\"authTag\":\"" + b64(random(16)) + "\",\"clientTimestamp\":\"2026-11-25T14:10:54.120Z\"}").expect(201)
                .path("messageId").asLong();
        // bigger than the general 64 KiB, within send's 128 KiB: the largest ciphertext there is
        JsonNode largest = send(alice, message(bob.deviceId(), "largest", random(65_536))).expect(201);
        aliceMessages.add(largest.path("messageId").asLong());
    }

    @Test
    @Order(41)
    void sendRejections() {
        send(alice, "{\"sessionId\":\"" + sessionId + "\",\"recipientDeviceId\":\"" + bob.deviceId() + "\",\"ciphertext\":\"@@@\",\"authTag\":\""
                + b64(random(16)) + "\"}").expectError(400, "INVALID_CIPHERTEXT");
        send(alice, "{\"sessionId\":\"" + sessionId + "\",\"recipientDeviceId\":\"" + bob.deviceId() + "\",\"ciphertext\":\"\",\"authTag\":\""
                + b64(random(16)) + "\"}").expectError(400, "INVALID_CIPHERTEXT");
        send(alice, "{\"sessionId\":\"" + sessionId + "\",\"recipientDeviceId\":\"" + bob.deviceId() + "\",\"ciphertext\":\"AQID\",\"authTag\":\""
                + b64(random(15)) + "\"}").expectError(400, "INVALID_AUTH_TAG");
        send(alice, message(bob.deviceId(), "c".repeat(65), random(4))).expectError(400, "INVALID_CLIENT_MESSAGE_ID");
        send(alice, message(bob.deviceId(), null, random(4)).replace("}", ",\"clientTimestamp\":\"yesterday\"}"))
                .expectError(400, "INVALID_CLIENT_TIMESTAMP");
        send(alice, message(alice.deviceId(), null, random(4))).expectError(400, "INVALID_RECIPIENT");
        send(alice, message(carol.deviceId(), null, random(4))).expectError(400, "INVALID_RECIPIENT");
        send(carol, message(bob.deviceId(), null, random(4))).expectError(404, "SESSION_NOT_FOUND");
        send(alice, message(bob.deviceId(), null, random(4)).replace(sessionId, hex(8))).expectError(404, "SESSION_NOT_FOUND");
        send(alice, message(bob.deviceId(), null, random(65_537))).expectError(413, "MESSAGE_TOO_LARGE");
        send(alice, message(bob.deviceId(), null, random(100 * 1024))).expectError(413, "PAYLOAD_TOO_LARGE");
        send(alice, "{\"sessionId\":\"" + sessionId + "\",\"recipientDeviceId\":\"" + bob.deviceId() + "\",\"ciphertext\":\"AQID\",\"authTag\":"
                + "16}").expectError(400, "INVALID_JSON");
    }

    @Test
    @Order(42)
    void historyPagesBackwardsAndCatchesUpForwards() {
        List<Long> all = new ArrayList<>(aliceMessages);
        all.add(5, bobMessage);
        JsonNode newest = history(bob, "&limit=2").expect(200);
        assertThat(ids(newest)).containsExactly(all.get(6), all.get(5));
        assertThat(newest.path("hasMore").asBoolean()).isTrue();
        JsonNode older = history(bob, "&limit=10&beforeId=" + all.get(5)).expect(200);
        assertThat(ids(older)).containsExactly(all.get(4), all.get(3), all.get(2), all.get(1), all.get(0));
        assertThat(older.path("hasMore").asBoolean()).isFalse();
        JsonNode forwards = history(alice, "&afterId=" + all.get(3)).expect(200);
        assertThat(ids(forwards)).containsExactly(all.get(4), all.get(5), all.get(6));
        JsonNode first = history(alice, "&beforeId=" + all.get(1) + "&limit=1").expect(200).path("messages").get(0);
        assertThat(first.path("senderUserId").asLong()).isEqualTo(alice.userId());
        assertThat(first.path("senderDeviceId").asText()).isEqualTo(alice.deviceId());
        assertThat(first.path("recipientDeviceId").asText()).isEqualTo(bob.deviceId());
        assertThat(first.path("clientMessageId").asText()).isEqualTo("a-0");
        assertThat(first.path("clientTimestamp").isNull()).isTrue();
        assertThat(first.path("deliveredAt").isNull()).isTrue();
        JsonNode fromBob = history(alice, "&afterId=" + all.get(4) + "&limit=1").expect(200).path("messages").get(0);
        assertThat(fromBob.path("clientTimestamp").asText()).isEqualTo("2026-11-25T14:10:54.120Z");
        assertThat(Base64.getDecoder().decode(fromBob.path("ciphertext").asText())).hasSize(33);

        history(bob, "&limit=0").expectError(400, "INVALID_QUERY");
        history(bob, "&limit=201").expectError(400, "INVALID_QUERY");
        history(bob, "&beforeId=3&afterId=1").expectError(400, "INVALID_QUERY");
        http.get(bob.accessToken(), "/v1/dm/messages/history").expectError(400, "INVALID_QUERY");
        history(carol, "").expectError(404, "SESSION_NOT_FOUND");
    }

    @Test
    @Order(43)
    void receiptsSingleAndBatchOnlyForwardOnlyByTheRecipient() {
        receipt(bob, "{\"messageId\":" + aliceMessages.get(0) + ",\"status\":\"DELIVERED\"}").expect(200);
        JsonNode batch = receipt(bob, "{\"messageIds\":[" + aliceMessages.get(0) + "," + aliceMessages.get(1) + ","
                + aliceMessages.get(2) + "," + aliceMessages.get(2) + "],\"status\":\"READ\"}").expect(200);
        assertThat(batch.path("ok").asBoolean()).isTrue();
        receipt(bob, "{\"messageId\":" + aliceMessages.get(3) + ",\"status\":\"DELIVERED\"}").expect(200);
        receipt(bob, "{\"messageId\":" + aliceMessages.get(0) + ",\"status\":\"DELIVERED\"}").expect(200);

        receipt(alice, "{\"messageId\":" + aliceMessages.get(4) + ",\"status\":\"READ\"}").expectError(403, "NOT_MESSAGE_RECIPIENT");
        receipt(bob, "{\"messageId\":" + aliceMessages.get(4) + ",\"status\":\"SEEN\"}").expectError(400, "INVALID_RECEIPT_STATUS");
        receipt(bob, "{\"messageId\":999999999,\"status\":\"READ\"}").expectError(404, "MESSAGE_NOT_FOUND");
        receipt(carol, "{\"messageId\":" + aliceMessages.get(4) + ",\"status\":\"READ\"}").expectError(404, "MESSAGE_NOT_FOUND");
        receipt(bob, "{\"messageIds\":[" + aliceMessages.get(4) + ",999999999],\"status\":\"READ\"}").expectError(404, "MESSAGE_NOT_FOUND");
        receipt(bob, "{\"messageIds\":[],\"status\":\"READ\"}").expectError(400, "INVALID_QUERY");
        receipt(bob, "{\"messageIds\":[\"1\"],\"status\":\"READ\"}").expectError(400, "INVALID_JSON");

        Map<Long, JsonNode> byId = new HashMap<>();
        history(alice, "&limit=200").expect(200).path("messages").forEach(m -> byId.put(m.path("messageId").asLong(), m));
        assertThat(byId.get(aliceMessages.get(0)).path("deliveryState").asText()).as("DELIVERED after READ is a no-op").isEqualTo("READ");
        assertThat(byId.get(aliceMessages.get(0)).path("readAt").isNull()).isFalse();
        assertThat(byId.get(aliceMessages.get(2)).path("deliveryState").asText()).isEqualTo("READ");
        assertThat(byId.get(aliceMessages.get(3)).path("deliveryState").asText()).isEqualTo("DELIVERED");
        assertThat(byId.get(aliceMessages.get(3)).path("deliveredAt").isNull()).isFalse();
        assertThat(byId.get(aliceMessages.get(4)).path("deliveryState").asText()).as("the rejected batch changed nothing").isEqualTo("PENDING");
    }

    @Test
    @Order(44)
    void conversationsOfBothSides() {
        JsonNode aliceSide = http.get(alice.accessToken(), "/v1/dm/messages/conversations").expect(200).path("conversations");
        assertThat(aliceSide).hasSize(1);
        JsonNode conversation = aliceSide.get(0);
        assertThat(conversation.path("sessionDbId").asLong()).isEqualTo(sessionDbId);
        assertThat(conversation.path("state").asText()).isEqualTo("ACTIVE");
        assertThat(conversation.path("role").asText()).isEqualTo("INITIATOR");
        assertThat(conversation.path("peerUserId").asLong()).isEqualTo(bob.userId());
        assertThat(conversation.path("peerDeviceId").asText()).isEqualTo(bob.deviceId());
        assertThat(conversation.path("peerConvroNumber").asText()).isEqualTo(bob.convroNumber());
        assertThat(conversation.path("peerUsername").isNull()).isTrue();
        assertThat(conversation.path("lastMessage").path("messageId").asLong()).isEqualTo(aliceMessages.get(5));
        assertThat(conversation.path("unreadCount").asInt()).as("bob's one message").isEqualTo(1);
        JsonNode bobSide = http.get(bob.accessToken(), "/v1/dm/messages/conversations").expect(200).path("conversations").get(0);
        assertThat(bobSide.path("role").asText()).isEqualTo("RESPONDER");
        assertThat(bobSide.path("peerUsername").asText()).isEqualTo("Alice_bb");
        assertThat(bobSide.path("unreadCount").asInt()).as("3 not yet READ").isEqualTo(3);
        assertThat(http.get(carol.accessToken(), "/v1/dm/messages/conversations").expect(200).path("conversations")).isEmpty();
        JsonNode onePage = http.get(alice.accessToken(), "/v1/dm/messages/conversations?limit=1").expect(200);
        assertThat(onePage.path("conversations")).hasSize(1);
        assertThat(onePage.path("hasMore").asBoolean()).isFalse();
        assertThat(onePage.path("nextCursor").isNull()).isTrue();
        http.get(alice.accessToken(), "/v1/dm/messages/conversations?cursor=not-a-cursor").expectError(400, "INVALID_QUERY");
    }

    // ---------------------------------------------------------------- tokens, logout, removal

    @Test
    @Order(50)
    void forgedAndStaleAccessTokens() {
        String genuine = alice.accessToken();
        http.get(ForgedTokens.expired(genuine, jwtSecret()), "/v1/auth/me").expectError(401, "TOKEN_EXPIRED");
        http.get(ForgedTokens.algNone(genuine), "/v1/auth/me").expectError(401, "UNAUTHORIZED");
        http.get(ForgedTokens.otherKey(genuine), "/v1/auth/me").expectError(401, "UNAUTHORIZED");
        int inSignature = genuine.lastIndexOf('.') + 5;
        char flipped = genuine.charAt(inSignature) == 'A' ? 'B' : 'A';
        http.get(genuine.substring(0, inSignature) + flipped + genuine.substring(inSignature + 1), "/v1/auth/me")
                .expectError(401, "UNAUTHORIZED");
        assertThat(http.get(genuine, "/v1/auth/me").status()).isEqualTo(200);
    }

    @Test
    @Order(51)
    void logoutScopes() {
        http.post(alice.accessToken(), "/v1/auth/logout", "{\"refreshToken\":\"" + bob.refreshToken() + "\"}").expectError(400, "INVALID_REFRESH_TOKEN");
        http.post(alice.accessToken(), "/v1/auth/logout", "garbage").expectError(400, "INVALID_JSON");
        JsonNode single = http.post(alice.accessToken(), "/v1/auth/logout", "{\"refreshToken\":\"" + alice.refreshToken() + "\"}").expect(200);
        assertThat(single.path("scope").asText()).isEqualTo("single");
        assertThat(http.get(alice.accessToken(), "/v1/auth/me").status()).as("access tokens live on").isEqualTo(200);
        refresh(alice.refreshToken()).expectError(401, "REFRESH_REVOKED");

        Response device = http.send(http.builder(alice.accessToken(), "/v1/auth/logout").POST(HttpRequest.BodyPublishers.noBody()).build());
        assertThat(device.expect(200).path("scope").asText()).isEqualTo("device");
        http.get(alice.accessToken(), "/v1/auth/me").expectError(401, "TOKEN_REVOKED");

        alice = alice.withTokens(login("{\"password\":\"" + PASSWORD + "\",\"username\":\"alice_bb\",\"deviceId\":\"" + alice.deviceId() + "\"}").expect(200));
        assertThat(http.post(alice.accessToken(), "/v1/auth/logout", "{}").expect(200).path("scope").asText()).isEqualTo("device");
        alice = alice.withTokens(login("{\"password\":\"" + PASSWORD + "\",\"username\":\"alice_bb\",\"deviceId\":\"" + alice.deviceId() + "\"}").expect(200));
        JsonNode tablet = login("{\"password\":\"" + PASSWORD + "\",\"username\":\"alice_bb\",\"platform\":\"android\"}").expect(200);
        assertThat(tablet.path("deviceId").asText()).isNotEqualTo(alice.deviceId());
        JsonNode user = http.post(tablet.path("accessToken").asText(), "/v1/auth/logout", "{\"allForUser\":true}").expect(200);
        assertThat(user.path("scope").asText()).isEqualTo("user");
        http.get(alice.accessToken(), "/v1/auth/me").expectError(401, "TOKEN_REVOKED");
        http.get(tablet.path("accessToken").asText(), "/v1/auth/me").expectError(401, "TOKEN_REVOKED");
        refresh(tablet.path("refreshToken").asText()).expectError(401, "REFRESH_REVOKED");
        alice = alice.withTokens(login("{\"password\":\"" + PASSWORD + "\",\"username\":\"alice_bb\",\"deviceId\":\"" + alice.deviceId() + "\"}").expect(200));
        assertThat(history(alice, "").status()).as("logout closes no session").isEqualTo(200);
    }

    @Test
    @Order(52)
    void removingADeviceRevokesItAndClosesItsSessions() {
        JsonNode laptop = login("{\"password\":\"" + PASSWORD + "\",\"convroNumber\":\"" + bob.convroNumber() + "\",\"platform\":\"desktop\"}").expect(200);
        String laptopToken = laptop.path("accessToken").asText();
        http.delete(alice.accessToken(), "/v1/auth/devices/" + bob.deviceId()).expectError(404, "DEVICE_NOT_FOUND");
        http.delete(laptopToken, "/v1/auth/devices/" + hex(16)).expectError(404, "DEVICE_NOT_FOUND");
        http.delete(laptopToken, "/v1/auth/devices/xyz").expectError(400, "INVALID_DEVICE_ID");
        assertThat(http.delete(laptopToken, "/v1/auth/devices/" + bob.deviceId().toUpperCase(Locale.ROOT)).expect(200).path("ok").asBoolean()).isTrue();

        http.get(bob.accessToken(), "/v1/auth/me").expectError(401, "TOKEN_REVOKED");
        refresh(bob.refreshToken()).expectError(401, "REFRESH_REVOKED");
        send(alice, message(bob.deviceId(), "after-removal", random(4))).expectError(409, "SESSION_NOT_ACTIVE");
        assertThat(ids(history(alice, "&limit=200").expect(200))).as("history stays readable").hasSize(7);
        assertThat(http.get(alice.accessToken(), "/v1/dm/messages/conversations").expect(200).path("conversations").get(0)
                .path("state").asText()).isEqualTo("CLOSED");
        assertThat(http.delete(laptopToken, "/v1/auth/devices/" + bob.deviceId()).expect(200).path("ok").asBoolean())
                .as("removing it again is fine").isTrue();
        JsonNode devices = http.get(laptopToken, "/v1/auth/devices").expect(200).path("devices");
        assertThat(devices).hasSize(2);
        assertThat(devices.get(0).path("active").asBoolean()).isFalse();
        http.get(alice.accessToken(), "/v1/prekeys/bundle?user_id=" + bob.userId()).expectError(404, "PREKEYS_NOT_FOUND");

        // back on the removed device: re-activated, with no session open
        JsonNode back = login("{\"password\":\"" + PASSWORD + "\",\"convroNumber\":\"" + bob.convroNumber() + "\",\"deviceId\":\"" + bob.deviceId() + "\"}").expect(200);
        assertThat(http.get(back.path("accessToken").asText(), "/v1/dm/sessions/incoming").expect(200).path("sessions")).isEmpty();
    }

    @Test
    @Order(60)
    void anExhaustedNumberSpaceFailsRegistration() throws SQLException {
        // a million registrations are out of reach: the persistent counter is moved to the end of the space instead
        try (Connection db = database(); PreparedStatement update = db.prepareStatement("UPDATE number_sequence SET next_value = 1000000 WHERE id = 1")) {
            assertThat(update.executeUpdate()).isEqualTo(1);
        }
        Response exhausted = register("{\"password\":\"" + PASSWORD + "\",\"username\":\"too_late\"}");
        exhausted.expectError(500, "FAILED_TO_ALLOCATE_CONVRO_NUMBER");
        login("{\"password\":\"" + PASSWORD + "\",\"username\":\"too_late\"}").expectError(401, "INVALID_CREDENTIALS");
    }

    @Test
    @Order(61)
    void hammeringAnAuthRouteFromOneAddressIsRateLimited() {
        // malformed refreshes are cheap to send and to refuse; the limit counts them all the same (the bucket refills
        // while they are sent, and is full if the flow was slow: twice the limit is always enough to empty it)
        Response answer = null;
        for (int i = 0; i <= 2 * AUTH_RATE_LIMIT && (answer == null || answer.status() != 429); i++) {
            answer = http.post(null, "/v1/auth/refresh", "{}");
        }
        answer.expectError(429, "RATE_LIMITED");
        assertThat(Integer.parseInt(answer.retryAfter())).isBetween(1, 60);
        // another route has its own budget
        login("{\"password\":\"" + PASSWORD + "\"}").expectError(400, "MISSING_LOGIN_IDENTIFIER");
    }

    // ---------------------------------------------------------------- helpers

    private Response register(String body) {
        return http.post(null, "/v1/auth/register", body);
    }

    private Response login(String body) {
        return http.post(null, "/v1/auth/login", body);
    }

    private Response refresh(String token) {
        return http.post(null, "/v1/auth/refresh", "{\"refreshToken\":\"" + token + "\"}");
    }

    private Response upload(String body) {
        return http.post(alice.accessToken(), "/v1/prekeys/upload", body);
    }

    private Response open(Account caller, long peer, String offer) {
        return http.post(caller.accessToken(), "/v1/dm/sessions/open", "{\"peerUserId\":" + peer + ",\"handshakeOffer\":" + offer + "}");
    }

    private Response send(Account caller, String body) {
        return http.post(caller.accessToken(), "/v1/dm/messages/send", body);
    }

    private Response history(Account caller, String query) {
        return http.get(caller.accessToken(), "/v1/dm/messages/history?sessionId=" + sessionId + query);
    }

    private Response receipt(Account caller, String body) {
        return http.post(caller.accessToken(), "/v1/dm/messages/receipts", body);
    }

    /** A C6P v1 offer with base64url keys, a consumed OTP id and fields the server does not know, to be kept verbatim. */
    private String offer(String initiator, String responder, String session, String version) {
        return "{\"version\":" + version + ",\"initiatorDeviceId\":\"" + initiator + "\",\"responderDeviceId\":\"" + responder
                + "\",\"sessionId\":\"" + session + "\",\"ephemeralPublicKeyX25519\":\"" + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(new byte[32]) + "\",\"usedSignedPrekeyPublicKeyX25519\":\"" + (bobSignedPrekey == null ? b64(new byte[32]) : bobSignedPrekey)
                + "\",\"usedOneTimePrekeyId\":" + (bundleOtpId == null ? "null" : "\"" + bundleOtpId + "\"")
                + ", \"c6pTranscript\" : {\"mac\":\"q83vEjRWeJA=\",\"rounds\":[1,2.50,-3e2,true,null],\"note\":\"zażółć \\u263a\"}}";
    }

    private String message(String recipient, String clientMessageId, byte[] ciphertext) {
        return "{\"sessionId\":\"" + sessionId + "\",\"recipientDeviceId\":\"" + recipient + "\""
                + (clientMessageId == null ? "" : ",\"clientMessageId\":\"" + clientMessageId + "\"")
                + ",\"ciphertext\":\"" + b64(ciphertext) + "\",\"authTag\":\"" + b64(random(16)) + "\"}";
    }

    private static List<Long> ids(JsonNode history) {
        List<Long> ids = new ArrayList<>();
        history.path("messages").forEach(m -> ids.add(m.path("messageId").asLong()));
        return ids;
    }

    private static JsonNode readTree(String json) {
        try {
            return BlackBoxHttp.MAPPER.readTree(json);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
