package io.convro.bootstrap.blackbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.convro.bootstrap.ConvroConfig;
import io.convro.bootstrap.ConvroServer;
import io.convro.bootstrap.blackbox.BlackBoxHttp.Response;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The limits where abuse is cheap, on the assembled server (embedded H2, one public port) over real HTTP, with their
 * defaults unless a test says otherwise. Every answer, 429 and its Retry-After included, is held to /openapi.json.
 */
class AbuseLimitsTest {
    private static final String PASSWORD = "correct horse battery";
    private final List<ConvroServer> servers = new ArrayList<>();
    private final List<Path> dataDirs = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        servers.forEach(ConvroServer::close);
        for (Path dir : dataDirs) {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    @Test
    void aHundredBundleFetchesInARowByOneRequesterLeaveMostOfAHundredKeyStock() throws Exception {
        BlackBoxHttp http = start(Map.of());
        JsonNode alice = register(http);
        JsonNode bob = register(http);
        http.post(bob.path("accessToken").asText(), "/v1/prekeys/upload", new ClientKeys().uploadBody("b000000000000001", "b1", 100))
                .expect(200);

        int granted = 0;
        int limited = 0;
        for (int i = 0; i < 100; i++) {
            Response answer = http.get(alice.path("accessToken").asText(), "/v1/prekeys/bundle?user_id=" + bob.path("userId").asLong());
            if (answer.status() == 200) {
                granted++;
            } else {
                answer.expectError(429, "RATE_LIMITED");
                limited++;
            }
        }
        int left = http.get(bob.path("accessToken").asText(), "/v1/prekeys/status").expect(200).path("oneTimePrekeysAvailable").asInt();

        System.out.printf("100 bundle fetches in a row by one requester: %d answered 200, %d answered 429; %d of 100 one-time"
                + " prekeys left%n", granted, limited, left);
        assertThat(left).as("at least half of the stock is left").isGreaterThanOrEqualTo(50);
        assertThat(granted).isEqualTo(ConvroConfig.RateLimits.DEFAULT_BUNDLE_FETCHES_PER_HOUR);
    }

    @Test
    void resolveAnswers429WellBefore300LookUpsAMinuteByOneUser() throws Exception {
        BlackBoxHttp http = start(Map.of());
        JsonNode alice = register(http);
        JsonNode bob = register(http);

        int firstRefused = -1;
        for (int i = 1; i <= 300 && firstRefused < 0; i++) {
            // hits and misses alike: a walk of the number space is mostly misses
            String number = i % 2 == 0 ? bob.path("convroNumber").asText() : String.format("+99%06d", i);
            Response answer = http.get(alice.path("accessToken").asText(),
                    "/v1/users/resolve?convroNumber=" + number.replace("+", "%2B"));
            if (answer.status() == 429) {
                answer.expectError(429, "RATE_LIMITED");
                firstRefused = i;
            }
        }

        System.out.printf("resolve: the first 429 came at look-up %d of 300 in a row by one user%n", firstRefused);
        assertThat(firstRefused).isPositive().isLessThanOrEqualTo(ConvroConfig.RateLimits.DEFAULT_RESOLVES_PER_MINUTE + 1);
    }

    @Test
    void sendsAndSessionOpensBeyondTheirBudgetsAre429WithRetryAfterOnThePublicPort() throws Exception {
        BlackBoxHttp http = start(Map.of("CONVRO_SEND_RATE_LIMIT", "3", "CONVRO_SESSION_OPEN_RATE_LIMIT", "2"));
        JsonNode alice = register(http);
        JsonNode bob = register(http);
        String aliceToken = alice.path("accessToken").asText();
        String sessionId = null;
        for (int i = 0; i < 2; i++) {
            sessionId = ClientKeys.hex(8);
            long dbId = open(http, alice, bob, sessionId).expect(201).path("sessionDbId").asLong();
            http.post(bob.path("accessToken").asText(), "/v1/dm/sessions/accept", "{\"sessionDbId\":" + dbId + "}").expect(200);
        }
        Response thirdOpen = open(http, alice, bob, ClientKeys.hex(8));
        thirdOpen.expectError(429, "RATE_LIMITED");
        // 2 an hour: one comes back every 30 minutes
        assertThat(Integer.parseInt(thirdOpen.retryAfter())).isBetween(1, 1800);

        for (int i = 0; i < 3; i++) {
            send(http, aliceToken, sessionId, bob.path("deviceId").asText()).expect(201);
        }
        Response fourthSend = send(http, aliceToken, sessionId, bob.path("deviceId").asText());
        fourthSend.expectError(429, "RATE_LIMITED");
        assertThat(Integer.parseInt(fourthSend.retryAfter())).isBetween(1, 20);
        // the other device has a budget of its own
        send(http, bob.path("accessToken").asText(), sessionId, alice.path("deviceId").asText()).expect(201);
    }

    @Test
    void groupMessagesTakeTheSendersSendBudgetAndBeyondItAre429WithRetryAfter() throws Exception {
        BlackBoxHttp http = start(Map.of("CONVRO_SEND_RATE_LIMIT", "2"));
        JsonNode alice = register(http);
        String token = alice.path("accessToken").asText();
        String groupId = http.post(token, "/v1/groups", "{\"kind\":\"GROUP\",\"memberUserIds\":[]}").expect(201)
                .path("groupId").asText();

        for (int i = 0; i < 2; i++) {
            postToGroup(http, token, groupId).expect(201);
        }
        Response third = postToGroup(http, token, groupId);
        third.expectError(429, "RATE_LIMITED");
        assertThat(Integer.parseInt(third.retryAfter())).isBetween(1, 60);
    }

    private static Response postToGroup(BlackBoxHttp http, String token, String groupId) {
        return http.post(token, "/v1/groups/" + groupId + "/messages", "{\"senderKeyId\":\"" + ClientKeys.hex(16)
                + "\",\"ciphertext\":\"" + ClientKeys.b64(ClientKeys.random(48)) + "\",\"authTag\":\""
                + ClientKeys.b64(ClientKeys.random(16)) + "\"}");
    }

    private BlackBoxHttp start(Map<String, String> extra) throws Exception {
        Path dataDir = Files.createTempDirectory("convro-bb-limits");
        dataDirs.add(dataDir);
        Map<String, String> env = new HashMap<>();
        env.put("CONVRO_DATA_DIR", dataDir.toString());
        env.put("CONVRO_HTTP_PORT", "0");
        env.put("CONVRO_HTTP_HOST", "127.0.0.1");
        env.putAll(extra);
        ConvroServer server = new ConvroServer(ConvroConfig.from(env)).start();
        servers.add(server);
        return new BlackBoxHttp(server.port(), code -> { });
    }

    private static JsonNode register(BlackBoxHttp http) {
        return http.post(null, "/v1/auth/register", "{\"password\":\"" + PASSWORD + "\"}").expect(201);
    }

    private static Response open(BlackBoxHttp http, JsonNode caller, JsonNode peer, String sessionId) {
        String key = Base64.getEncoder().encodeToString(new byte[32]);
        return http.post(caller.path("accessToken").asText(), "/v1/dm/sessions/open", "{\"peerUserId\":" + peer.path("userId").asLong()
                + ",\"handshakeOffer\":{\"version\":1,\"initiatorDeviceId\":\"" + caller.path("deviceId").asText()
                + "\",\"responderDeviceId\":\"" + peer.path("deviceId").asText() + "\",\"sessionId\":\"" + sessionId
                + "\",\"ephemeralPublicKeyX25519\":\"" + key + "\",\"usedSignedPrekeyPublicKeyX25519\":\"" + key
                + "\",\"usedOneTimePrekeyId\":null}}");
    }

    private static Response send(BlackBoxHttp http, String token, String sessionId, String recipient) {
        return http.post(token, "/v1/dm/messages/send", "{\"sessionId\":\"" + sessionId + "\",\"recipientDeviceId\":\"" + recipient
                + "\",\"ciphertext\":\"" + ClientKeys.b64(ClientKeys.random(48)) + "\",\"authTag\":\""
                + ClientKeys.b64(ClientKeys.random(16)) + "\"}");
    }
}
