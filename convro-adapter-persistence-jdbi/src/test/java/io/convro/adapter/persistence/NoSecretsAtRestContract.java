package io.convro.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import io.convro.adapter.crypto.Argon2idPasswordHasher;
import io.convro.adapter.crypto.Ed25519SignatureVerifier;
import io.convro.adapter.crypto.JwtTokenService;
import io.convro.application.ConvroApplication;
import io.convro.application.OutPorts;
import io.convro.application.auth.AuthSession;
import io.convro.application.auth.LogInCommand;
import io.convro.application.auth.RefreshedTokens;
import io.convro.application.auth.RegisterCommand;
import io.convro.application.messages.ReceiptCommand;
import io.convro.application.messages.SendMessageCommand;
import io.convro.application.messages.SentMessage;
import io.convro.application.prekeys.FetchPrekeyBundleQuery;
import io.convro.application.prekeys.UploadPrekeysCommand;
import io.convro.application.realtime.RealtimeEvent;
import io.convro.application.realtime.RealtimePublisher;
import io.convro.application.sessions.AcceptSessionCommand;
import io.convro.application.sessions.OpenSessionCommand;
import io.convro.application.sessions.OpenedSession;
import io.convro.application.shared.Caller;
import io.convro.application.shared.BoundedWork;
import io.convro.application.shared.Clock;
import io.convro.application.users.PermutedNumberAllocator;
import io.convro.domain.device.DeviceId;
import io.convro.domain.device.Platform;
import io.convro.domain.message.AuthTag;
import io.convro.domain.message.Ciphertext;
import io.convro.domain.message.ClientMessageId;
import io.convro.domain.message.ReceiptStatus;
import io.convro.domain.prekey.Ed25519PublicKey;
import io.convro.domain.prekey.Ed25519Signature;
import io.convro.domain.prekey.IdentityKey;
import io.convro.domain.prekey.KeyId;
import io.convro.domain.prekey.OneTimePrekey;
import io.convro.domain.prekey.SignedPrekey;
import io.convro.domain.prekey.X25519PublicKey;
import io.convro.domain.session.HandshakeOffer;
import io.convro.domain.user.Password;
import io.convro.domain.user.Username;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.Signature;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * After a whole DM flow through the use cases, no column of any table holds the plaintext a client
 * encrypted, a password, or a refresh-token secret — in raw, base64 or hex form.
 */
abstract class NoSecretsAtRestContract {
    /** The send use case's threads: the test's own, closed after it. */
    private final BoundedWork sendWork = new BoundedWork("test-send", 2, 64, Duration.ofSeconds(30));

    @AfterEach
    void closeSendWork() {
        sendWork.close();
    }

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final RealtimePublisher NOBODY = new RealtimePublisher() {
        @Override
        public void publish(DeviceId device, RealtimeEvent event) {
        }

        @Override
        public void disconnect(DeviceId device) {
        }
    };

    protected abstract Database database();

    @Test
    void noTableHoldsPlaintextPasswordsOrRefreshSecrets() throws Exception {
        Database database = database();
        JdbiRepositories stores = database.repositories();
        Clock clock = () -> Instant.now().truncatedTo(ChronoUnit.MILLIS);
        byte[] jwtSecret = new byte[32];
        RANDOM.nextBytes(jwtSecret);
        ConvroApplication app = new ConvroApplication(new OutPorts(stores.users(), stores.devices(), stores.refreshTokens(),
                stores.prekeys(), stores.sessions(), stores.messages(), stores.groups(),
                new PermutedNumberAllocator(stores.numberSequence()),
                stores.transactions(), new Argon2idPasswordHasher(), new JwtTokenService(jwtSecret, clock),
                new Ed25519SignatureVerifier(), NOBODY, clock, RANDOM), sendWork);

        String alicePassword = "alice-Pa55word-" + RANDOM.nextInt(1_000_000);
        String bobPassword = "bob-Pa55word-" + RANDOM.nextInt(1_000_000);
        AuthSession alice = app.registerUser().register(new RegisterCommand(Password.parse(alicePassword),
                Username.parse("alice" + RANDOM.nextInt(10_000)), null, null, Platform.IOS, null));
        AuthSession bob = app.registerUser().register(new RegisterCommand(Password.parse(bobPassword),
                Username.parse("bob" + RANDOM.nextInt(10_000)), null, null, Platform.ANDROID, null));
        AuthSession bobAgain = app.logIn().logIn(new LogInCommand(Password.offered(bobPassword), null,
                bob.username().value(), bob.deviceId(), null, null));
        RefreshedTokens rotated = app.refreshToken().refresh(alice.refreshToken());
        Caller aliceCaller = app.authenticateToken().authenticate(rotated.accessToken());
        Caller bobCaller = app.authenticateToken().authenticate(bobAgain.accessToken());

        app.uploadPrekeys().upload(signedUpload(bobCaller));
        var bundle = app.fetchPrekeyBundle().fetch(new FetchPrekeyBundleQuery(aliceCaller, bobCaller.userId(), null));
        String sessionId = String.format("%08x", RANDOM.nextInt());
        Map<String, Object> offer = new HashMap<>();
        offer.put("version", 1);
        offer.put("initiatorDeviceId", aliceCaller.deviceId().value());
        offer.put("responderDeviceId", bundle.responderDeviceId().value());
        offer.put("sessionId", sessionId);
        offer.put("ephemeralPublicKeyX25519", Base64.getEncoder().encodeToString(random(32)));
        offer.put("usedSignedPrekeyPublicKeyX25519", bundle.signedPrekey().publicKey().base64());
        offer.put("usedOneTimePrekeyId", bundle.oneTimePrekey().keyId().value());
        OpenedSession opened = app.openSession().open(new OpenSessionCommand(aliceCaller, bobCaller.userId(),
                HandshakeOffer.parse(offer, "{\"version\":1,\"sessionId\":\"" + sessionId + "\"}")));
        app.acceptSession().accept(new AcceptSessionCommand(bobCaller, opened.sessionDbId()));

        String plaintext = "meet me at the old mill at 9 " + RANDOM.nextLong();
        SecretKey key = KeyGenerator.getInstance("AES").generateKey();
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, random(12)));
        byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
        byte[] ciphertext = Arrays.copyOf(sealed, sealed.length - 16);
        byte[] tag = Arrays.copyOfRange(sealed, sealed.length - 16, sealed.length);
        SentMessage sent = app.sendMessage().sendAndWait(new SendMessageCommand(aliceCaller, opened.sessionId(), bobCaller.deviceId(),
                ClientMessageId.parse("m-1"), null, Ciphertext.of(ciphertext), AuthTag.of(tag)));
        app.receipts().setReceipts(new ReceiptCommand(bobCaller, List.of(sent.messageId()), ReceiptStatus.READ));

        List<String> secrets = new ArrayList<>(List.of(plaintext, alicePassword, bobPassword));
        for (String refreshToken : List.of(alice.refreshToken(), bob.refreshToken(), bobAgain.refreshToken(), rotated.refreshToken())) {
            secrets.add(refreshToken);
            secrets.add(refreshToken.split("_", 3)[2]);
        }
        List<String> cells = allCells(database);
        assertThat(cells).as("the scan must see the stored rows").hasSizeGreaterThan(50);
        assertThat(cells).anySatisfy(cell -> assertThat(cell).contains(Base64.getEncoder().encodeToString(ciphertext)));
        for (String secret : secrets) {
            byte[] raw = secret.getBytes(StandardCharsets.UTF_8);
            for (String form : List.of(secret, Base64.getEncoder().encodeToString(raw), hex(raw))) {
                assertThat(cells).as("a stored value contains a secret").noneMatch(cell -> cell.contains(form));
            }
        }
    }

    /** Every non-null cell of every table, bytes rendered as base64 and hex, text as itself. */
    private static List<String> allCells(Database database) throws SQLException {
        List<String> cells = new ArrayList<>();
        try (Connection connection = database.dataSource().getConnection()) {
            DatabaseMetaData meta = connection.getMetaData();
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = meta.getTables(connection.getCatalog(), connection.getSchema(), "%", new String[] {"TABLE"})) {
                while (rs.next()) {
                    tables.add(rs.getString("TABLE_NAME"));
                }
            }
            assertThat(tables).contains("users", "devices", "refresh_tokens", "dm_messages", "message_receipts");
            for (String table : tables) {
                try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery("SELECT * FROM " + table)) {
                    int columns = rs.getMetaData().getColumnCount();
                    while (rs.next()) {
                        for (int i = 1; i <= columns; i++) {
                            Object value = rs.getObject(i);
                            if (value instanceof byte[] bytes) {
                                cells.add(new String(bytes, StandardCharsets.ISO_8859_1));
                                cells.add(Base64.getEncoder().encodeToString(bytes));
                                cells.add(hex(bytes));
                            } else if (value != null) {
                                cells.add(value.toString());
                            }
                        }
                    }
                }
            }
        }
        return cells;
    }

    private static UploadPrekeysCommand signedUpload(Caller caller) throws Exception {
        KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        byte[] encoded = pair.getPublic().getEncoded();
        X25519PublicKey signedKey = X25519PublicKey.of(random(32));
        Signature signer = Signature.getInstance("Ed25519");
        signer.initSign(pair.getPrivate());
        signer.update(signedKey.bytes());
        List<OneTimePrekey> oneTime = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            oneTime.add(new OneTimePrekey(KeyId.parse(hex(random(8))), X25519PublicKey.of(random(32))));
        }
        return new UploadPrekeysCommand(caller,
                new IdentityKey(Ed25519PublicKey.of(Arrays.copyOfRange(encoded, encoded.length - 32, encoded.length)), null),
                new SignedPrekey(KeyId.parse(hex(random(8))), signedKey, Ed25519Signature.of(signer.sign())), oneTime);
    }

    private static byte[] random(int length) {
        byte[] bytes = new byte[length];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    private static String hex(byte[] bytes) {
        StringBuilder out = new StringBuilder();
        for (byte b : bytes) {
            out.append(String.format("%02x", b));
        }
        return out.toString();
    }
}
