package io.convro.usecases;

import io.convro.adapter.crypto.Argon2idPasswordHasher;
import io.convro.adapter.crypto.Ed25519SignatureVerifier;
import io.convro.adapter.crypto.JwtTokenService;
import io.convro.adapter.inmemory.InMemoryStores;
import io.convro.adapter.inmemory.realtime.RecordingRealtimePublisher;
import io.convro.adapter.inmemory.shared.MutableClock;
import io.convro.application.ConvroApplication;
import io.convro.application.OutPorts;
import io.convro.application.auth.AuthSession;
import io.convro.application.auth.LogInCommand;
import io.convro.application.auth.RegisterCommand;
import io.convro.application.messages.Messages;
import io.convro.application.messages.SendMessageCommand;
import io.convro.application.messages.SentMessage;
import io.convro.application.prekeys.FetchPrekeyBundleQuery;
import io.convro.application.prekeys.PrekeyBundle;
import io.convro.application.prekeys.UploadPrekeysCommand;
import io.convro.application.sessions.AcceptSessionCommand;
import io.convro.application.sessions.OpenSessionCommand;
import io.convro.application.sessions.OpenedSession;
import io.convro.application.shared.BoundedWork;
import io.convro.application.shared.Caller;
import io.convro.application.shared.UsageLimits;
import io.convro.application.users.NumberAllocator;
import io.convro.application.users.PermutedNumberAllocator;
import io.convro.domain.device.DeviceId;
import io.convro.domain.device.Platform;
import io.convro.domain.message.AuthTag;
import io.convro.domain.message.Ciphertext;
import io.convro.domain.message.ClientMessageId;
import io.convro.domain.prekey.Ed25519PublicKey;
import io.convro.domain.prekey.Ed25519Signature;
import io.convro.domain.prekey.IdentityKey;
import io.convro.domain.prekey.KeyId;
import io.convro.domain.prekey.OneTimePrekey;
import io.convro.domain.prekey.SignedPrekey;
import io.convro.domain.prekey.X25519PublicKey;
import io.convro.domain.session.HandshakeOffer;
import io.convro.domain.session.SessionId;
import io.convro.domain.user.Password;
import io.convro.domain.user.UserId;
import io.convro.domain.user.Username;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.Signature;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The application assembled on the in-memory adapters with the real crypto, plus the steps of a client
 * (register, upload prekeys, open, accept, send) so tests read like the flow of API.md.
 */
final class TestConvro {
    static final String PASSWORD = "correct horse battery";
    private static final SecureRandom RANDOM = new SecureRandom();

    final InMemoryStores stores = new InMemoryStores();
    final MutableClock clock = new MutableClock();
    final RecordingRealtimePublisher realtime = new RecordingRealtimePublisher();
    final ConvroApplication app;
    private final OutPorts ports;
    /** The send use case's threads, shared by every node of the test (daemons: they end with the test JVM). */
    final BoundedWork sendWork = new BoundedWork("test-send", 4, 256, Duration.ofSeconds(30));

    TestConvro() {
        this(UnaryOperator.identity(), null);
    }

    /** With the messages store wrapped (to inject failures) and/or a small number space. */
    TestConvro(UnaryOperator<Messages> messagesDecorator, Integer numberSpace) {
        this(messagesDecorator, numberSpace, UsageLimits.none());
    }

    /** With the use cases' budgets ({@link UsageLimits}). */
    TestConvro(UsageLimits limits) {
        this(UnaryOperator.identity(), null, limits);
    }

    private TestConvro(UnaryOperator<Messages> messagesDecorator, Integer numberSpace, UsageLimits limits) {
        NumberAllocator numbers = numberSpace == null ? new PermutedNumberAllocator(stores.numberSequence())
                : new PermutedNumberAllocator(stores.numberSequence(), numberSpace);
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        ports = new OutPorts(stores.users(), stores.devices(), stores.refreshTokens(), stores.prekeys(),
                stores.sessions(), messagesDecorator.apply(stores.messages()), stores.groups(), numbers, stores.transactions(),
                HASHER, new JwtTokenService(secret, clock), new Ed25519SignatureVerifier(), realtime, clock, RANDOM);
        app = new ConvroApplication(ports, ConvroApplication.DEFAULT_REFRESH_TOKEN_TTL, limits, sendWork);
    }

    /** Another node on the same stores, clock and signing key: what it remembers is its own. */
    ConvroApplication anotherNode() {
        return new ConvroApplication(ports, sendWork);
    }

    /** One hasher for all tests: OWASP-strength hashing is slow on purpose; its dummy hash is made once. */
    private static final Argon2idPasswordHasher HASHER = new Argon2idPasswordHasher();

    AuthSession register(String username) {
        return app.registerUser().register(new RegisterCommand(Password.parse(PASSWORD),
                username == null ? null : Username.parse(username), null, null, Platform.IOS, null));
    }

    AuthSession logIn(String username, DeviceId deviceId) {
        return app.logIn().logIn(new LogInCommand(Password.offered(PASSWORD), null, username, deviceId, null, null));
    }

    Caller caller(AuthSession session) {
        return app.authenticateToken().authenticate(session.accessToken());
    }

    static DeviceId newDeviceId() {
        return DeviceId.random(RANDOM);
    }

    /** A device's identity and prekeys, signed with a real Ed25519 key (the JDK's). */
    static final class DeviceKeys {
        final IdentityKey identity;
        final SignedPrekey signedPrekey;
        final List<OneTimePrekey> oneTimePrekeys;

        DeviceKeys(int oneTime) {
            try {
                KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
                byte[] encoded = pair.getPublic().getEncoded();
                Ed25519PublicKey publicKey = Ed25519PublicKey.of(Arrays.copyOfRange(encoded, encoded.length - 32, encoded.length));
                X25519PublicKey signedKey = X25519PublicKey.of(random32());
                Signature signer = Signature.getInstance("Ed25519");
                signer.initSign(pair.getPrivate());
                signer.update(signedKey.bytes());
                identity = new IdentityKey(publicKey, "fp");
                signedPrekey = new SignedPrekey(randomKeyId(), signedKey, Ed25519Signature.of(signer.sign()));
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
            oneTimePrekeys = new ArrayList<>();
            for (int i = 0; i < oneTime; i++) {
                oneTimePrekeys.add(new OneTimePrekey(randomKeyId(), X25519PublicKey.of(random32())));
            }
        }
    }

    static KeyId randomKeyId() {
        return KeyId.parse(String.format("%016x", RANDOM.nextLong()));
    }

    static byte[] random32() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    int uploadPrekeys(Caller caller, int oneTime) {
        DeviceKeys keys = new DeviceKeys(oneTime);
        return app.uploadPrekeys().upload(new UploadPrekeysCommand(caller, keys.identity, keys.signedPrekey, keys.oneTimePrekeys));
    }

    PrekeyBundle bundle(Caller caller, UserId peer) {
        return app.fetchPrekeyBundle().fetch(new FetchPrekeyBundleQuery(caller, peer, null));
    }

    static Map<String, Object> offerFields(DeviceId initiator, DeviceId responder, String sessionId) {
        Map<String, Object> fields = new HashMap<>();
        fields.put("version", 1);
        fields.put("initiatorDeviceId", initiator.value());
        fields.put("responderDeviceId", responder.value());
        fields.put("sessionId", sessionId);
        fields.put("ephemeralPublicKeyX25519", Base64.getUrlEncoder().withoutPadding().encodeToString(random32()));
        fields.put("usedSignedPrekeyPublicKeyX25519", Base64.getEncoder().encodeToString(random32()));
        fields.put("usedOneTimePrekeyId", null);
        return fields;
    }

    static String randomSessionId() {
        return String.format("%08x", RANDOM.nextInt());
    }

    OpenedSession open(Caller initiator, Caller responder) {
        String sessionId = randomSessionId();
        HandshakeOffer offer = HandshakeOffer.parse(offerFields(initiator.deviceId(), responder.deviceId(), sessionId),
                "{\"version\":1,\"sessionId\":\"" + sessionId + "\",\"c6p\":\"kept verbatim\"}");
        return app.openSession().open(new OpenSessionCommand(initiator, responder.userId(), offer));
    }

    /** Open and accept: an ACTIVE session between the two devices. */
    OpenedSession activeSession(Caller initiator, Caller responder) {
        OpenedSession opened = open(initiator, responder);
        app.acceptSession().accept(new AcceptSessionCommand(responder, opened.sessionDbId()));
        return opened;
    }

    SentMessage send(Caller from, Caller to, SessionId session, String clientMessageId, byte[] ciphertext) {
        return app.sendMessage().sendAndWait(new SendMessageCommand(from, session, to.deviceId(),
                clientMessageId == null ? null : ClientMessageId.parse(clientMessageId), null,
                Ciphertext.of(ciphertext), AuthTag.of(new byte[16])));
    }

    SentMessage send(Caller from, Caller to, SessionId session) {
        return send(from, to, session, null, "opaque ciphertext".getBytes(StandardCharsets.UTF_8));
    }
}
