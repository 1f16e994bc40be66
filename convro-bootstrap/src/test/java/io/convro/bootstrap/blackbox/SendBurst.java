package io.convro.bootstrap.blackbox;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Threads that send to one ACTIVE session, both ways, as fast as the server answers, keeping every message the
 * server acknowledged (2xx) with the ciphertext it carried, and every other answer. A request the server cuts or
 * refuses (it is going away) acknowledged nothing.
 */
final class SendBurst {
    static final String PASSWORD = "correct horse battery";

    /** Two users with an ACTIVE session between their devices. */
    record Pair(JsonNode alice, JsonNode bob, String sessionId) {
        static Pair open(BlackBoxHttp http, String aliceName) {
            JsonNode alice = http.post(null, "/v1/auth/register", "{\"password\":\"" + PASSWORD + "\",\"username\":\"" + aliceName + "\"}")
                    .expect(201);
            JsonNode bob = http.post(null, "/v1/auth/register", "{\"password\":\"" + PASSWORD + "\"}").expect(201);
            String sessionId = ClientKeys.hex(8);
            String key = Base64.getEncoder().encodeToString(new byte[32]);
            long sessionDbId = http.post(token(alice), "/v1/dm/sessions/open", "{\"peerUserId\":" + bob.path("userId").asLong()
                    + ",\"handshakeOffer\":{\"version\":1,\"initiatorDeviceId\":\"" + alice.path("deviceId").asText()
                    + "\",\"responderDeviceId\":\"" + bob.path("deviceId").asText() + "\",\"sessionId\":\"" + sessionId
                    + "\",\"ephemeralPublicKeyX25519\":\"" + key + "\",\"usedSignedPrekeyPublicKeyX25519\":\"" + key
                    + "\",\"usedOneTimePrekeyId\":null}}").expect(201).path("sessionDbId").asLong();
            http.post(token(bob), "/v1/dm/sessions/accept", "{\"sessionDbId\":" + sessionDbId + "}").expect(200);
            return new Pair(alice, bob, sessionId);
        }

        /** Every message of the session by id, with its ciphertext, read back through history as {@code alice}. */
        Map<Long, String> storedMessages(BlackBoxHttp http) {
            String login = http.post(null, "/v1/auth/login", "{\"password\":\"" + PASSWORD + "\",\"username\":\""
                    + alice.path("username").asText() + "\",\"deviceId\":\"" + alice.path("deviceId").asText() + "\"}")
                    .expect(200).path("accessToken").asText();
            Map<Long, String> stored = new HashMap<>();
            String cursor = "";
            while (true) {
                JsonNode page = http.get(login, "/v1/dm/messages/history?sessionId=" + sessionId + "&limit=200" + cursor).expect(200);
                long oldest = Long.MAX_VALUE;
                for (JsonNode message : page.path("messages")) {
                    stored.put(message.path("messageId").asLong(), message.path("ciphertext").asText());
                    oldest = Math.min(oldest, message.path("messageId").asLong());
                }
                if (!page.path("hasMore").asBoolean()) {
                    return stored;
                }
                cursor = "&beforeId=" + oldest;
            }
        }
    }

    /** A message the server answered 2xx, and what it carried. */
    record Acknowledged(long messageId, String clientMessageId, String ciphertext) {
    }

    private final ConcurrentLinkedQueue<Acknowledged> acknowledged = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<String> otherAnswers = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final AtomicInteger attempts = new AtomicInteger();
    private final List<Thread> senders = new ArrayList<>();

    /** Start {@code threads} senders, alternately Alice and Bob; {@code round} makes the clientMessageIds unique. */
    SendBurst(BlackBoxHttp http, Pair pair, int threads, String round) {
        for (int i = 0; i < threads; i++) {
            JsonNode sender = i % 2 == 0 ? pair.alice() : pair.bob();
            JsonNode recipient = i % 2 == 0 ? pair.bob() : pair.alice();
            Thread thread = new Thread(() -> {
                while (!stopping.get()) {
                    String clientMessageId = round + "-" + attempts.incrementAndGet();
                    String ciphertext = ClientKeys.b64(ClientKeys.random(64));
                    String body = "{\"sessionId\":\"" + pair.sessionId() + "\",\"recipientDeviceId\":\"" + recipient.path("deviceId").asText()
                            + "\",\"clientMessageId\":\"" + clientMessageId + "\",\"ciphertext\":\"" + ciphertext
                            + "\",\"authTag\":\"" + ClientKeys.b64(ClientKeys.random(16)) + "\"}";
                    try {
                        BlackBoxHttp.Response answer = http.post(token(sender), "/v1/dm/messages/send", body);
                        if (answer.status() / 100 == 2) {
                            acknowledged.add(new Acknowledged(answer.json().path("messageId").asLong(), clientMessageId, ciphertext));
                        } else {
                            otherAnswers.add(answer.status() + " " + answer.body());
                        }
                    } catch (UncheckedIOException refusedOrCut) {
                        // the server is going away: nothing was acknowledged for this one; don't spin on a closed port
                        pause();
                    } catch (AssertionError undocumented) {
                        otherAnswers.add("undocumented: " + undocumented.getMessage());
                    }
                }
            }, "sender-" + round + "-" + i);
            senders.add(thread);
            thread.start();
        }
    }

    int acknowledgedCount() {
        return acknowledged.size();
    }

    /** Stop every sender (after the server went away) and return what was acknowledged. */
    List<Acknowledged> stop() throws InterruptedException {
        stopping.set(true);
        for (Thread thread : senders) {
            thread.join(TimeUnit.SECONDS.toMillis(60));
        }
        return List.copyOf(acknowledged);
    }

    List<String> otherAnswers() {
        return List.copyOf(otherAnswers);
    }

    int attempts() {
        return attempts.get();
    }

    private static String token(JsonNode account) {
        return account.path("accessToken").asText();
    }

    private static void pause() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
