package io.convro.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.Signature;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The benchmark's device pairs, set up as a client would through the public API: two registrations, the
 * responder's prekeys (really signed), its bundle, a handshake offer, the accept. Sends go initiator → responder.
 */
final class Pairs {
    static final String PASSWORD = "correct horse battery staple";
    private static final SecureRandom RANDOM = new SecureRandom();

    /**
     * One ACTIVE session: who sends (with its token), in which session, to which device (whose token listens), and
     * the recipient's user (whose bundle the soak fetches).
     */
    record Pair(String senderToken, String sessionId, String recipientDeviceId, String recipientToken, long recipientUserId) {
    }

    private Pairs() {
    }

    /** {@code count} pairs, set up {@code parallelism} at a time (registration hashes a password: it is slow on purpose). */
    static List<Pair> create(Rest rest, int count, int parallelism) {
        ExecutorService workers = Executors.newFixedThreadPool(parallelism);
        try {
            List<Future<Pair>> pending = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                pending.add(workers.submit(() -> create(rest)));
            }
            List<Pair> pairs = new ArrayList<>();
            for (Future<Pair> pair : pending) {
                pairs.add(pair.get());
            }
            return pairs;
        } catch (Exception e) {
            throw new IllegalStateException("setting up the pairs failed: " + e.getMessage(), e);
        } finally {
            workers.shutdownNow();
        }
    }

    /** The file the wrk script reads: "token sessionId recipientDeviceId" per line. */
    static Path writeForWrk(List<Pair> pairs, Path file) {
        StringBuilder text = new StringBuilder();
        for (Pair pair : pairs) {
            text.append(pair.senderToken()).append(' ').append(pair.sessionId()).append(' ')
                    .append(pair.recipientDeviceId()).append('\n');
        }
        try {
            return Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Pair create(Rest rest) throws GeneralSecurityException {
        JsonNode initiator = rest.post("/v1/auth/register", null, Map.of("password", PASSWORD, "platform", "android"), 201);
        JsonNode responder = rest.post("/v1/auth/register", null, Map.of("password", PASSWORD, "platform", "ios"), 201);
        String responderToken = responder.get("accessToken").asText();
        uploadPrekeys(rest, responderToken);
        String initiatorToken = initiator.get("accessToken").asText();
        JsonNode bundle = rest.get("/v1/prekeys/bundle?user_id=" + responder.get("userId").asLong(), initiatorToken, 200);
        Map<String, Object> offer = new LinkedHashMap<>();
        offer.put("version", 1);
        offer.put("initiatorDeviceId", initiator.get("deviceId").asText());
        offer.put("responderDeviceId", bundle.get("responderDeviceId").asText());
        offer.put("sessionId", hex(4));
        offer.put("ephemeralPublicKeyX25519", b64(x25519()));
        offer.put("usedSignedPrekeyPublicKeyX25519", bundle.get("signedPrekeyPublicKeyX25519").asText());
        offer.put("usedOneTimePrekeyId", bundle.get("oneTimePrekeyId").asText());
        JsonNode opened = rest.post("/v1/dm/sessions/open", initiatorToken,
                Map.of("peerUserId", responder.get("userId").asLong(), "handshakeOffer", offer), 201);
        rest.post("/v1/dm/sessions/accept", responderToken, Map.of("sessionDbId", opened.get("sessionDbId").asLong()), 200);
        return new Pair(initiatorToken, opened.get("sessionId").asText(), responder.get("deviceId").asText(), responderToken,
                responder.get("userId").asLong());
    }

    /**
     * A recipient's catch-up: the page after the newest message it has seen, or (nothing seen yet: {@code afterId}
     * must be positive) the newest page.
     */
    static String catchUpPath(Pair pair, long newestSeen, int limit) {
        return "/v1/dm/messages/history?sessionId=" + pair.sessionId() + (newestSeen > 0 ? "&afterId=" + newestSeen : "")
                + "&limit=" + limit;
    }

    static void uploadPrekeys(Rest rest, String token) throws GeneralSecurityException {
        KeyPair identity = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        byte[] signedPrekey = x25519();
        Signature signer = Signature.getInstance("Ed25519");
        signer.initSign(identity.getPrivate());
        signer.update(signedPrekey);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("identity", Map.of("publicKeyEd25519", b64(rawTail(identity.getPublic().getEncoded()))));
        body.put("signedPrekey", Map.of("keyId", hex(8), "publicKeyX25519", b64(signedPrekey), "signatureEd25519", b64(signer.sign())));
        body.put("oneTimePrekeys", List.of(Map.of("keyId", hex(8), "publicKeyX25519", b64(x25519()))));
        rest.post("/v1/prekeys/upload", token, body, 200);
    }

    static String hex(int bytes) {
        return HexFormat.of().formatHex(random(bytes));
    }

    static byte[] random(int bytes) {
        byte[] value = new byte[bytes];
        RANDOM.nextBytes(value);
        return value;
    }

    static String b64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    static byte[] x25519() throws GeneralSecurityException {
        return rawTail(KeyPairGenerator.getInstance("X25519").generateKeyPair().getPublic().getEncoded());
    }

    /** The 32 raw key bytes at the end of an X.509 SubjectPublicKeyInfo of an Ed25519/X25519 key. */
    private static byte[] rawTail(byte[] spki) {
        return Arrays.copyOfRange(spki, spki.length - 32, spki.length);
    }
}
