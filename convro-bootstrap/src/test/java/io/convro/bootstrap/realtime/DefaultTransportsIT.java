package io.convro.bootstrap.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The official JavaScript client on its default transports, as a browser app uses it: HTTP long-polling first,
 * then the upgrade to websocket ({@code src/test/js/default-transports-check.js}). Before the upgrade-stall
 * workaround most of 200 clients connecting at once stayed on polling and dropped with {@code ping timeout}.
 */
class DefaultTransportsIT {
    private static final int CLIENTS = 200;
    private static final int HOLD_MILLIS = 60_000;
    private static final int UPGRADED_WITHIN_MILLIS = 5_000;
    /** Registration hashes the password (Argon2id, 19 MiB each): a few at a time. */
    private static final int PREPARING_THREADS = 3;

    @TempDir
    static Path dataDir;
    private static NodeTool node;
    private static RunningServer server;

    @BeforeAll
    static void start() {
        node = NodeTool.installed();
        // one sender opens a session with each of the 200 clients: far beyond what one device may open an hour (that
        // limit has tests of its own)
        server = RunningServer.start(dataDir, Map.of("CONVRO_SESSION_OPEN_RATE_LIMIT", "0"));
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void twoHundredClientsOnDefaultTransportsAllUpgradeWithinFiveSecondsStayConnectedAMinuteAndGetPongAndEvents()
            throws Exception {
        Path plan = dataDir.resolve("clients.json");
        Files.writeString(plan, RestClient.json(preparedClients(new Conversations(new RestClient(server.base())))));

        NodeTool.Output run = node.runScript("default-transports-check.js", Map.of(
                "CONVRO_BASE_URL", server.base().toString(),
                "CLIENTS_FILE", plan.toAbsolutePath().toString(),
                "HOLD_MS", Integer.toString(HOLD_MILLIS)), 300);

        assertThat(run.exit()).as("node exit; stdout: %s stderr: %s", run.stdout(), run.stderr()).isZero();
        JsonNode report = RestClient.JSON.readTree(run.stdout());
        assertThat(report.get("clients").asInt()).isEqualTo(CLIENTS);
        assertThat(report.get("holdEndedAfterMs").asLong()).isGreaterThanOrEqualTo(HOLD_MILLIS);
        List<JsonNode> results = new ArrayList<>();
        report.get("results").forEach(results::add);
        // the measured numbers, for docs and reports (the assertions below are the bar)
        System.out.printf("default transports: %d clients, upgraded to websocket after %d ms at most (p50 %d ms)%n",
                results.size(), results.stream().mapToLong(client -> client.get("upgradedAfterMs").asLong(-1)).max().orElse(-1),
                results.stream().mapToLong(client -> client.get("upgradedAfterMs").asLong(-1)).sorted()
                        .skip(results.size() / 2).findFirst().orElse(-1));
        assertThat(results).hasSize(CLIENTS).allSatisfy(client -> {
            String which = client.get("deviceId").asText() + ": " + client;
            assertThat(client.get("firstTransport").asText()).as(which).isEqualTo("polling");
            assertThat(client.get("upgradedTo").asText()).as(which).isEqualTo("websocket");
            assertThat(client.get("upgradedAfterMs").asLong()).as(which).isLessThanOrEqualTo(UPGRADED_WITHIN_MILLIS);
            assertThat(client.get("disconnects")).as(which).isEmpty();
            assertThat(client.get("errors")).as(which).isEmpty();
            assertThat(client.get("failure").isNull()).as(which).isTrue();
            assertThat(client.get("transportAtEnd").asText()).as(which).isEqualTo("websocket");
            assertThat(client.at("/firstPong/ts").asText()).as(which).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z");
            assertThat(client.at("/lastPong/ts").asText()).as(which).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z");
            assertThat(client.get("sendStatus").asInt()).as(which).isEqualTo(201);
            assertThat(client.at("/pushed/clientMessageId").asText()).as(which).startsWith("default-transports-");
        });
    }

    /** A sender and {@value #CLIENTS} recipients, each recipient's device in an ACTIVE session with the sender's. */
    private static Map<String, Object> preparedClients(Conversations conversations) throws Exception {
        Account sender = conversations.register();
        ExecutorService preparing = Executors.newFixedThreadPool(PREPARING_THREADS);
        try {
            List<Future<Map<String, String>>> clients = new ArrayList<>();
            for (int i = 0; i < CLIENTS; i++) {
                clients.add(preparing.submit(() -> {
                    Account recipient = conversations.register();
                    String sessionId = openAndAccept(conversations.rest(), sender, recipient);
                    return Map.of("token", recipient.accessToken(), "deviceId", recipient.deviceId(), "sessionId", sessionId);
                }));
            }
            List<Map<String, String>> prepared = new ArrayList<>();
            for (Future<Map<String, String>> client : clients) {
                prepared.add(client.get());
            }
            return Map.of("senderToken", sender.accessToken(), "clients", prepared);
        } finally {
            preparing.shutdownNow();
        }
    }

    /** A session needs no prekeys on the server's side: the offer's key fields only have to be well formed. */
    private static String openAndAccept(RestClient rest, Account initiator, Account responder) {
        String sessionId = Conversations.hex(4);
        Map<String, Object> offer = new LinkedHashMap<>();
        offer.put("version", 1);
        offer.put("initiatorDeviceId", initiator.deviceId());
        offer.put("responderDeviceId", responder.deviceId());
        offer.put("sessionId", sessionId);
        offer.put("ephemeralPublicKeyX25519", base64(Conversations.random(32)));
        offer.put("usedSignedPrekeyPublicKeyX25519", base64(Conversations.random(32)));
        offer.put("usedOneTimePrekeyId", null);
        long sessionDbId = rest.post("/v1/dm/sessions/open", initiator.accessToken(),
                Map.of("peerUserId", responder.userId(), "handshakeOffer", offer)).expect(201).get("sessionDbId").asLong();
        rest.post("/v1/dm/sessions/accept", responder.accessToken(), Map.of("sessionDbId", sessionDbId)).expect(200);
        return sessionId;
    }

    private static String base64(byte[] bytes) {
        return java.util.Base64.getEncoder().encodeToString(bytes);
    }
}
