package io.convro.bootstrap.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.convro.domain.session.PendingSessionLimits;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Strangers plant pending sessions with offers near the 8 KiB limit on one victim device. Before the limits, one
 * device could open them without end (~184/s) and 4,000 of them made the victim's next {@code incoming} an
 * OutOfMemoryError. Now each stranger gets a few, the device a bounded number, and the list comes a page at a time.
 */
class PendingSessionFloodTest {
    private static final String PADDING = "x".repeat(7_600);
    private static final String KEY = Base64.getEncoder().encodeToString(new byte[32]);

    @TempDir
    Path dataDir;

    @Test
    void strangersCannotMakeTheIncomingListOfADeviceUnbounded() {
        try (RunningServer server = RunningServer.start(dataDir, Map.of())) {
            Conversations conversations = new Conversations(new RestClient(server.base()));
            RestClient rest = conversations.rest();
            Account victim = conversations.register();
            Map<Integer, Integer> answers = new HashMap<>();
            List<String> refusals = new ArrayList<>();
            for (int stranger = 0; stranger < 25; stranger++) {
                Account mallory = conversations.register();
                for (int attempt = 0; attempt < 12; attempt++) {
                    RestClient.Answer answer = rest.post("/v1/dm/sessions/open", mallory.accessToken(), Map.of(
                            "peerUserId", victim.userId(), "handshakeOffer", offer(mallory, victim)));
                    answers.merge(answer.status(), 1, Integer::sum);
                    if (answer.status() == 409) {
                        refusals.add(answer.body().path("error").asText());
                    }
                }
            }
            int limit = PendingSessionLimits.DEFAULT.perResponder();
            assertThat(answers).containsOnlyKeys(201, 409);
            assertThat(answers.get(201)).isEqualTo(limit);
            assertThat(refusals).containsOnly("TOO_MANY_PENDING_SESSIONS");

            long bytes = 0;
            int sessions = 0;
            long after = 0;
            while (true) {
                RestClient.Answer page = rest.get("/v1/dm/sessions/incoming?limit=100&afterId=" + after, victim.accessToken());
                JsonNode body = page.expect(200);
                bytes = Math.max(bytes, body.toString().length());
                sessions += body.path("sessions").size();
                if (!body.path("hasMore").asBoolean()) {
                    break;
                }
                after = body.path("sessions").get(body.path("sessions").size() - 1).path("sessionDbId").asLong();
            }
            assertThat(sessions).isEqualTo(limit);
            assertThat(bytes).as("the largest page").isLessThan(2_000_000);
            assertThat(rest.get("/v1/dm/sessions/incoming", victim.accessToken()).expect(200).path("sessions").size())
                    .as("the default page").isEqualTo(50);
            rest.get("/health", null).expect(200);
        }
    }

    private static Map<String, Object> offer(Account initiator, Account responder) {
        Map<String, Object> offer = new LinkedHashMap<>();
        offer.put("version", 1);
        offer.put("initiatorDeviceId", initiator.deviceId());
        offer.put("responderDeviceId", responder.deviceId());
        offer.put("sessionId", Conversations.hex(4));
        offer.put("ephemeralPublicKeyX25519", KEY);
        offer.put("usedSignedPrekeyPublicKeyX25519", KEY);
        offer.put("usedOneTimePrekeyId", null);
        offer.put("padding", PADDING);
        return offer;
    }
}
