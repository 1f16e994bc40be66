package io.convro.bootstrap.realtime;

import com.fasterxml.jackson.databind.JsonNode;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.Signature;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Everything a client does over REST before realtime matters: accounts, prekeys, a session, messages. */
final class Conversations {
    static final String PASSWORD = "correct horse battery staple";
    private static final SecureRandom RANDOM = new SecureRandom();

    /** An ACTIVE session between two devices. */
    record Session(long sessionDbId, String sessionId, Account initiator, Account responder) {
    }

    private final RestClient rest;

    Conversations(RestClient rest) {
        this.rest = rest;
    }

    RestClient rest() {
        return rest;
    }

    Account register() {
        return Account.from(rest.post("/v1/auth/register", null, Map.of("password", PASSWORD, "platform", "android")).expect(201));
    }

    /** A new device of {@code account}'s user (a login without a deviceId creates one). */
    Account newDevice(Account account) {
        return Account.from(rest.post("/v1/auth/login", null,
                Map.of("password", PASSWORD, "convroNumber", account.convroNumber(), "platform", "desktop")).expect(200));
    }

    /** Upload an identity key, a signed prekey really signed with it (JDK Ed25519) and two one-time prekeys. */
    void uploadPrekeys(Account account) {
        try {
            KeyPair identity = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
            byte[] signedPrekey = rawX25519();
            Signature signer = Signature.getInstance("Ed25519");
            signer.initSign(identity.getPrivate());
            signer.update(signedPrekey);
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("identity", Map.of("publicKeyEd25519", b64(rawTail(identity.getPublic().getEncoded()))));
            body.put("signedPrekey", Map.of("keyId", hex(8), "publicKeyX25519", b64(signedPrekey),
                    "signatureEd25519", b64(signer.sign())));
            body.put("oneTimePrekeys", List.of(Map.of("keyId", hex(8), "publicKeyX25519", b64(rawX25519())),
                    Map.of("keyId", hex(8), "publicKeyX25519", b64(rawX25519()))));
            JsonNode answer = rest.post("/v1/prekeys/upload", account.accessToken(), body).expect(200);
            if (answer.get("storedOneTimePrekeys").asInt() != 2) {
                throw new AssertionError("prekeys not stored: " + answer);
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Open a session from {@code initiator} to {@code responder} with an offer built from its bundle; still PENDING. */
    JsonNode open(Account initiator, Account responder) {
        JsonNode bundle = rest.get("/v1/prekeys/bundle?user_id=" + responder.userId() + "&device_id=" + responder.deviceId(),
                initiator.accessToken()).expect(200);
        Map<String, Object> offer = new LinkedHashMap<>();
        offer.put("version", 1);
        offer.put("initiatorDeviceId", initiator.deviceId());
        offer.put("responderDeviceId", responder.deviceId());
        offer.put("sessionId", hex(4));
        offer.put("ephemeralPublicKeyX25519", b64(rawX25519()));
        offer.put("usedSignedPrekeyPublicKeyX25519", bundle.get("signedPrekeyPublicKeyX25519").asText());
        offer.put("usedOneTimePrekeyId", bundle.get("oneTimePrekeyId").isNull() ? null : bundle.get("oneTimePrekeyId").asText());
        return rest.post("/v1/dm/sessions/open", initiator.accessToken(),
                Map.of("peerUserId", responder.userId(), "handshakeOffer", offer)).expect(201);
    }

    void accept(Account responder, long sessionDbId) {
        rest.post("/v1/dm/sessions/accept", responder.accessToken(), Map.of("sessionDbId", sessionDbId)).expect(200);
    }

    /** Two fresh users with prekeys and an ACTIVE session between their devices. */
    Session activeSession() {
        Account alice = register();
        Account bob = register();
        uploadPrekeys(alice);
        uploadPrekeys(bob);
        JsonNode opened = open(alice, bob);
        accept(bob, opened.get("sessionDbId").asLong());
        return new Session(opened.get("sessionDbId").asLong(), opened.get("sessionId").asText(), alice, bob);
    }

    /** POST /v1/dm/messages/send from {@code from} to {@code to}; the caller checks the status. */
    RestClient.Answer send(Account from, Account to, String sessionId, String clientMessageId) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("sessionId", sessionId);
        body.put("recipientDeviceId", to.deviceId());
        body.put("clientMessageId", clientMessageId);
        body.put("clientTimestamp", "2026-11-25T14:10:54.120Z");
        body.put("ciphertext", b64(random(48)));
        body.put("authTag", b64(random(16)));
        return rest.post("/v1/dm/messages/send", from.accessToken(), body);
    }

    void receipt(Account recipient, long messageId, String status) {
        rest.post("/v1/dm/messages/receipts", recipient.accessToken(), Map.of("messageId", messageId, "status", status)).expect(200);
    }

    static String hex(int bytes) {
        return HexFormat.of().formatHex(random(bytes));
    }

    static byte[] random(int bytes) {
        byte[] value = new byte[bytes];
        RANDOM.nextBytes(value);
        return value;
    }

    private static byte[] rawX25519() {
        try {
            return rawTail(KeyPairGenerator.getInstance("X25519").generateKeyPair().getPublic().getEncoded());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The 32 raw key bytes at the end of an X.509 SubjectPublicKeyInfo of an Ed25519/X25519 key. */
    private static byte[] rawTail(byte[] spki) {
        return Arrays.copyOfRange(spki, spki.length - 32, spki.length);
    }

    private static String b64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }
}
