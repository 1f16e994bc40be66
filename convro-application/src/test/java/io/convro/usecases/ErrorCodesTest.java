package io.convro.usecases;

import static io.convro.usecases.Rejections.expect;
import static org.assertj.core.api.Assertions.assertThat;

import io.convro.application.auth.AuthSession;
import io.convro.application.auth.LogInCommand;
import io.convro.application.auth.LogOutCommand;
import io.convro.application.auth.LogoutScope;
import io.convro.application.auth.RefreshTokenService;
import io.convro.application.auth.RegisterCommand;
import io.convro.application.devices.RegisterDeviceCommand;
import io.convro.application.devices.TooManyDevicesException;
import io.convro.application.messages.HistoryCursor;
import io.convro.application.messages.HistoryQuery;
import io.convro.application.messages.ReceiptCommand;
import io.convro.application.messages.SendMessageCommand;
import io.convro.application.messages.SentMessage;
import io.convro.application.prekeys.FetchPrekeyBundleQuery;
import io.convro.application.prekeys.UploadPrekeysCommand;
import io.convro.application.sessions.AcceptSessionCommand;
import io.convro.application.sessions.OpenSessionCommand;
import io.convro.application.sessions.OpenedSession;
import io.convro.application.shared.Caller;
import io.convro.application.users.ResolveUserQuery;
import io.convro.domain.ErrorCode;
import io.convro.domain.device.DeviceId;
import io.convro.domain.device.DeviceLabel;
import io.convro.domain.device.Platform;
import io.convro.domain.message.AuthTag;
import io.convro.domain.message.Ciphertext;
import io.convro.domain.message.ClientMessageId;
import io.convro.domain.message.ClientTimestamp;
import io.convro.domain.message.MessageId;
import io.convro.domain.message.ReceiptStatus;
import io.convro.domain.prekey.Ed25519PublicKey;
import io.convro.domain.prekey.Ed25519Signature;
import io.convro.domain.prekey.KeyId;
import io.convro.domain.prekey.OneTimePrekey;
import io.convro.domain.prekey.SignedPrekey;
import io.convro.domain.prekey.X25519PublicKey;
import io.convro.domain.session.HandshakeOffer;
import io.convro.domain.session.SessionDbId;
import io.convro.domain.session.SessionId;
import io.convro.domain.user.ConvroNumber;
import io.convro.domain.user.FullName;
import io.convro.domain.user.Password;
import io.convro.domain.user.UserId;
import io.convro.domain.user.Username;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Every error code of API.md §2–§6, each provoked the way a client would. Codes of malformed values come
 * from the domain parsers that every adapter uses to build commands; the rest from the use cases.
 */
class ErrorCodesTest {
    private static final Set<ErrorCode> CONTRACT_CODES = EnumSet.of(
            ErrorCode.PASSWORD_TOO_SHORT, ErrorCode.PASSWORD_TOO_LONG, ErrorCode.INVALID_USERNAME, ErrorCode.INVALID_FULL_NAME,
            ErrorCode.INVALID_DEVICE_ID, ErrorCode.INVALID_PLATFORM, ErrorCode.INVALID_DEVICE_LABEL, ErrorCode.USERNAME_TAKEN,
            ErrorCode.DEVICE_ID_TAKEN, ErrorCode.FAILED_TO_ALLOCATE_CONVRO_NUMBER, ErrorCode.MISSING_LOGIN_IDENTIFIER,
            ErrorCode.INVALID_CREDENTIALS, ErrorCode.DEVICE_OWNED_BY_OTHER_USER, ErrorCode.TOO_MANY_DEVICES,
            ErrorCode.INVALID_REFRESH_TOKEN, ErrorCode.REFRESH_NOT_FOUND, ErrorCode.REFRESH_REVOKED, ErrorCode.REFRESH_EXPIRED,
            ErrorCode.REFRESH_INVALID, ErrorCode.DEVICE_NOT_FOUND, ErrorCode.UNAUTHORIZED, ErrorCode.TOKEN_EXPIRED,
            ErrorCode.TOKEN_REVOKED, ErrorCode.INVALID_QUERY, ErrorCode.USER_NOT_FOUND, ErrorCode.INVALID_IDENTITY_KEY,
            ErrorCode.INVALID_SIGNED_PREKEY, ErrorCode.INVALID_SIGNED_PREKEY_SIGNATURE, ErrorCode.INVALID_ONE_TIME_PREKEY,
            ErrorCode.INVALID_KEY_ID, ErrorCode.TOO_MANY_PREKEYS, ErrorCode.PREKEYS_NOT_FOUND, ErrorCode.INVALID_HANDSHAKE_OFFER,
            ErrorCode.INVALID_SESSION_ID, ErrorCode.UNSUPPORTED_HANDSHAKE_VERSION, ErrorCode.INITIATOR_DEVICE_MISMATCH,
            ErrorCode.INITIATOR_DEVICE_NOT_FOUND, ErrorCode.RESPONDER_DEVICE_NOT_FOUND, ErrorCode.SESSION_ID_EXISTS,
            ErrorCode.HANDSHAKE_OFFER_TOO_LARGE, ErrorCode.SESSION_NOT_FOUND, ErrorCode.INVALID_CIPHERTEXT,
            ErrorCode.INVALID_AUTH_TAG, ErrorCode.INVALID_CLIENT_MESSAGE_ID, ErrorCode.INVALID_CLIENT_TIMESTAMP,
            ErrorCode.INVALID_RECIPIENT, ErrorCode.SESSION_NOT_ACTIVE, ErrorCode.MESSAGE_TOO_LARGE,
            ErrorCode.INVALID_RECEIPT_STATUS, ErrorCode.NOT_MESSAGE_RECIPIENT, ErrorCode.MESSAGE_NOT_FOUND);

    private final TestConvro convro = new TestConvro();

    @AfterAll
    static void everyContractCodeWasProvoked() {
        assertThat(Rejections.seen()).containsAll(CONTRACT_CODES);
    }

    @Nested
    class Register {
        @Test
        void malformedFieldsAreRejectedByTheirParsers() {
            expect(ErrorCode.PASSWORD_TOO_SHORT, () -> Password.parse("short"));
            expect(ErrorCode.PASSWORD_TOO_LONG, () -> Password.parse("p".repeat(1025)));
            expect(ErrorCode.INVALID_USERNAME, () -> Username.parse("no spaces allowed"));
            expect(ErrorCode.INVALID_FULL_NAME, () -> FullName.parse("n".repeat(129)));
            expect(ErrorCode.INVALID_DEVICE_ID, () -> DeviceId.parse("123"));
            expect(ErrorCode.INVALID_PLATFORM, () -> Platform.parse("symbian"));
            expect(ErrorCode.INVALID_DEVICE_LABEL, () -> DeviceLabel.parse("l".repeat(129)));
        }

        @Test
        void usernamesAreUniqueIgnoringCaseAndNothingIsStoredForTheLoser() {
            convro.register("Sigmabo");
            expect(ErrorCode.USERNAME_TAKEN, () -> convro.register("sigmabo"));
            assertThat(convro.stores.users().findByUsername(Username.parse("SIGMABO")).orElseThrow().username().value())
                    .isEqualTo("Sigmabo");
        }

        @Test
        void aDeviceIdCanBelongToOneAccountOnly() {
            AuthSession first = convro.register("first");
            expect(ErrorCode.DEVICE_ID_TAKEN, () -> convro.app.registerUser().register(new RegisterCommand(
                    Password.parse(TestConvro.PASSWORD), null, null, first.deviceId(), null, null)));
        }

        @Test
        void registrationFailsOnlyWhenTheNumberSpaceIsExhausted() {
            TestConvro tiny = new TestConvro(messages -> messages, 3);
            for (int i = 0; i < 3; i++) {
                tiny.register(null);
            }
            expect(ErrorCode.FAILED_TO_ALLOCATE_CONVRO_NUMBER, () -> tiny.register(null));
        }
    }

    @Nested
    class LogIn {
        @Test
        void needsAnIdentifier() {
            expect(ErrorCode.MISSING_LOGIN_IDENTIFIER, () -> convro.app.logIn().logIn(
                    new LogInCommand(Password.offered(TestConvro.PASSWORD), null, " ", null, null, null)));
        }

        @Test
        void unknownUsersWrongPasswordsAndMalformedIdentifiersLookTheSame() {
            AuthSession alice = convro.register("alice");
            expect(ErrorCode.INVALID_CREDENTIALS, () -> convro.logIn("nobody", null));
            expect(ErrorCode.INVALID_CREDENTIALS, () -> convro.app.logIn().logIn(
                    new LogInCommand(Password.offered("wrong password"), alice.convroNumber().value(), null, null, null, null)));
            expect(ErrorCode.INVALID_CREDENTIALS, () -> convro.app.logIn().logIn(
                    new LogInCommand(Password.offered(TestConvro.PASSWORD), "+99notanumber", null, null, null, null)));
        }

        @Test
        void aDeviceOfAnotherAccountIsRefused() {
            convro.register("alice");
            AuthSession bob = convro.register("bob");
            expect(ErrorCode.DEVICE_OWNED_BY_OTHER_USER, () -> convro.logIn("alice", bob.deviceId()));
        }

        @Test
        void anEleventhActiveDeviceIsRefusedWithTheAccountsDevices() {
            convro.register("alice");
            for (int i = 0; i < 9; i++) {
                convro.logIn("alice", null);
            }
            TooManyDevicesException refused = (TooManyDevicesException) expect(ErrorCode.TOO_MANY_DEVICES,
                    () -> convro.logIn("alice", null));
            assertThat(refused.devices()).hasSize(10);
        }
    }

    @Nested
    class Tokens {
        @Test
        void refreshTokensAreCheckedStepByStep() {
            AuthSession alice = convro.register("alice");
            expect(ErrorCode.INVALID_REFRESH_TOKEN, () -> convro.app.refreshToken().refresh("not-a-token"));
            String unknown = "rt_" + "ab".repeat(16) + "_" + Base64.getUrlEncoder().withoutPadding().encodeToString(new byte[32]);
            expect(ErrorCode.REFRESH_NOT_FOUND, () -> convro.app.refreshToken().refresh(unknown));
            String jti = alice.refreshToken().split("_", 3)[1];
            String forged = "rt_" + jti + "_" + Base64.getUrlEncoder().withoutPadding().encodeToString(new byte[32]);
            expect(ErrorCode.REFRESH_INVALID, () -> convro.app.refreshToken().refresh(forged));
            convro.app.refreshToken().refresh(alice.refreshToken());
            convro.clock.advance(RefreshTokenService.RETRY_GRACE);
            expect(ErrorCode.REFRESH_REVOKED, () -> convro.app.refreshToken().refresh(alice.refreshToken()));
        }

        @Test
        void refreshTokensExpire() {
            AuthSession alice = convro.register("alice");
            convro.clock.advance(Duration.ofDays(31));
            expect(ErrorCode.REFRESH_EXPIRED, () -> convro.app.refreshToken().refresh(alice.refreshToken()));
        }

        @Test
        void accessTokensAreVerifiedExpiredAndRevoked() {
            AuthSession alice = convro.register("alice");
            expect(ErrorCode.UNAUTHORIZED, () -> convro.app.authenticateToken().authenticate("garbage"));
            Caller caller = convro.caller(alice);
            convro.app.logOut().logOut(new LogOutCommand(caller, LogoutScope.DEVICE, null));
            expect(ErrorCode.TOKEN_REVOKED, () -> convro.caller(alice));
            AuthSession again = convro.logIn("alice", alice.deviceId());
            assertThat(convro.caller(again).deviceId()).isEqualTo(alice.deviceId());
            convro.clock.advance(Duration.ofMinutes(16));
            expect(ErrorCode.TOKEN_EXPIRED, () -> convro.caller(again));
        }

        @Test
        void aSingleLogoutNeedsATokenOfTheCallersAccount() {
            AuthSession alice = convro.register("alice");
            AuthSession bob = convro.register("bob");
            expect(ErrorCode.INVALID_REFRESH_TOKEN, () -> convro.app.logOut().logOut(
                    new LogOutCommand(convro.caller(alice), LogoutScope.SINGLE, bob.refreshToken())));
        }
    }

    @Nested
    class Devices {
        @Test
        void registeringAnotherAccountsDeviceOrAnEleventhIsRefused() {
            AuthSession alice = convro.register("alice");
            AuthSession bob = convro.register("bob");
            Caller caller = convro.caller(alice);
            expect(ErrorCode.DEVICE_ID_TAKEN, () -> convro.app.registerDevice().registerDevice(
                    new RegisterDeviceCommand(caller, bob.deviceId(), null, null)));
            for (int i = 0; i < 9; i++) {
                convro.app.registerDevice().registerDevice(new RegisterDeviceCommand(caller, TestConvro.newDeviceId(), null, null));
            }
            expect(ErrorCode.TOO_MANY_DEVICES, () -> convro.app.registerDevice().registerDevice(
                    new RegisterDeviceCommand(caller, TestConvro.newDeviceId(), null, null)));
        }

        @Test
        void onlyTheCallersDevicesCanBeRemoved() {
            AuthSession alice = convro.register("alice");
            AuthSession bob = convro.register("bob");
            expect(ErrorCode.DEVICE_NOT_FOUND, () -> convro.app.removeDevice().removeDevice(convro.caller(alice), bob.deviceId()));
        }
    }

    @Nested
    class Users {
        @Test
        void unknownUsersAreNotFound() {
            Caller alice = convro.caller(convro.register("alice"));
            expect(ErrorCode.USER_NOT_FOUND, () -> convro.app.resolveUser().resolve(alice,
                    new ResolveUserQuery.ByUsername(Username.parse("nobody"))));
            expect(ErrorCode.USER_NOT_FOUND, () -> convro.app.resolveUser().resolve(alice,
                    new ResolveUserQuery.ByConvroNumber(ConvroNumber.parse("+99000000"))));
            expect(ErrorCode.INVALID_QUERY, () -> UserId.parse("abc"));
        }
    }

    @Nested
    class Prekeys {
        @Test
        void malformedKeysAreRejectedWithTheirFieldsCode() {
            String short32 = Base64.getEncoder().encodeToString(new byte[31]);
            expect(ErrorCode.INVALID_IDENTITY_KEY, () -> Ed25519PublicKey.parseBase64(short32));
            expect(ErrorCode.INVALID_SIGNED_PREKEY, () -> X25519PublicKey.parseBase64(short32, ErrorCode.INVALID_SIGNED_PREKEY));
            expect(ErrorCode.INVALID_ONE_TIME_PREKEY, () -> X25519PublicKey.parseBase64("%%%", ErrorCode.INVALID_ONE_TIME_PREKEY));
            expect(ErrorCode.INVALID_KEY_ID, () -> KeyId.parse("xyz"));
            expect(ErrorCode.INVALID_SIGNED_PREKEY_SIGNATURE, () -> Ed25519Signature.parseBase64(short32));
        }

        @Test
        void aSignatureByAnotherKeyIsRejectedAndNothingIsStored() {
            Caller alice = convro.caller(convro.register("alice"));
            TestConvro.DeviceKeys keys = new TestConvro.DeviceKeys(3);
            TestConvro.DeviceKeys other = new TestConvro.DeviceKeys(0);
            expect(ErrorCode.INVALID_SIGNED_PREKEY_SIGNATURE, () -> convro.app.uploadPrekeys().upload(
                    new UploadPrekeysCommand(alice, other.identity, keys.signedPrekey, keys.oneTimePrekeys)));
            assertThat(convro.app.prekeyStatus().status(alice).identityUploaded()).isFalse();
        }

        @Test
        void prekeyLimitsRejectTheWholeUpload() {
            Caller alice = convro.caller(convro.register("alice"));
            TestConvro.DeviceKeys tooMany = new TestConvro.DeviceKeys(101);
            expect(ErrorCode.TOO_MANY_PREKEYS, () -> convro.app.uploadPrekeys().upload(
                    new UploadPrekeysCommand(alice, tooMany.identity, tooMany.signedPrekey, tooMany.oneTimePrekeys)));
            for (int i = 0; i < 10; i++) {
                convro.uploadPrekeys(alice, 100);
            }
            TestConvro.DeviceKeys oneMore = new TestConvro.DeviceKeys(1);
            expect(ErrorCode.TOO_MANY_PREKEYS, () -> convro.app.uploadPrekeys().upload(
                    new UploadPrekeysCommand(alice, oneMore.identity, oneMore.signedPrekey, oneMore.oneTimePrekeys)));
            assertThat(convro.app.prekeyStatus().status(alice).oneTimePrekeysAvailable()).isEqualTo(1000);
        }

        @Test
        void bundlesNeedAUserADeviceAndPrekeys() {
            Caller alice = convro.caller(convro.register("alice"));
            AuthSession bob = convro.register("bob");
            expect(ErrorCode.USER_NOT_FOUND, () -> convro.bundle(alice, UserId.of(999_999)));
            expect(ErrorCode.PREKEYS_NOT_FOUND, () -> convro.bundle(alice, bob.userId()));
            expect(ErrorCode.DEVICE_NOT_FOUND, () -> convro.app.fetchPrekeyBundle().fetch(
                    new FetchPrekeyBundleQuery(alice, bob.userId(), alice.deviceId())));
        }
    }

    @Nested
    class Sessions {
        @Test
        void offersAreCheckedByTheParser() {
            Caller alice = convro.caller(convro.register("alice"));
            DeviceId other = TestConvro.newDeviceId();
            Map<String, Object> fields = TestConvro.offerFields(alice.deviceId(), other, "0000abcd");
            fields.put("version", 7);
            expect(ErrorCode.UNSUPPORTED_HANDSHAKE_VERSION, () -> HandshakeOffer.parse(fields, "{}"));
            fields.put("version", 1);
            fields.put("sessionId", "0000abc");
            expect(ErrorCode.INVALID_SESSION_ID, () -> HandshakeOffer.parse(fields, "{}"));
            fields.put("sessionId", "0000abcd");
            fields.remove("ephemeralPublicKeyX25519");
            expect(ErrorCode.INVALID_HANDSHAKE_OFFER, () -> HandshakeOffer.parse(fields, "{}"));
            expect(ErrorCode.HANDSHAKE_OFFER_TOO_LARGE, () -> HandshakeOffer.parse(fields, " ".repeat(8193)));
        }

        @Test
        void theInitiatorMustBeTheCallerAndTheResponderAnActiveDeviceOfThePeer() {
            Caller alice = convro.caller(convro.register("alice"));
            Caller bob = convro.caller(convro.register("bob"));
            HandshakeOffer notMine = HandshakeOffer.parse(TestConvro.offerFields(bob.deviceId(), alice.deviceId(), "0000abcd"), "{}");
            expect(ErrorCode.INITIATOR_DEVICE_MISMATCH, () -> convro.app.openSession().open(new OpenSessionCommand(alice, bob.userId(), notMine)));
            HandshakeOffer bobsDeviceTwice = HandshakeOffer.parse(TestConvro.offerFields(bob.deviceId(), bob.deviceId(), "0000abcd"), "{}");
            expect(ErrorCode.INITIATOR_DEVICE_MISMATCH, () -> convro.app.openSession().open(new OpenSessionCommand(alice, bob.userId(), bobsDeviceTwice)));
            HandshakeOffer withMyself = HandshakeOffer.parse(TestConvro.offerFields(alice.deviceId(), alice.deviceId(), "0000abcd"), "{}");
            expect(ErrorCode.INVALID_HANDSHAKE_OFFER, () -> convro.app.openSession().open(new OpenSessionCommand(alice, alice.userId(), withMyself)));
            HandshakeOffer toStranger = HandshakeOffer.parse(TestConvro.offerFields(alice.deviceId(), TestConvro.newDeviceId(), "0000abcd"), "{}");
            expect(ErrorCode.RESPONDER_DEVICE_NOT_FOUND, () -> convro.app.openSession().open(new OpenSessionCommand(alice, bob.userId(), toStranger)));
            HandshakeOffer wrongPeer = HandshakeOffer.parse(TestConvro.offerFields(alice.deviceId(), bob.deviceId(), "0000abcd"), "{}");
            expect(ErrorCode.RESPONDER_DEVICE_NOT_FOUND, () -> convro.app.openSession().open(new OpenSessionCommand(alice, alice.userId(), wrongPeer)));
        }

        @Test
        void sessionIdsAreUniqueAcrossTheServer() {
            Caller alice = convro.caller(convro.register("alice"));
            Caller bob = convro.caller(convro.register("bob"));
            OpenedSession opened = convro.open(alice, bob);
            HandshakeOffer again = HandshakeOffer.parse(TestConvro.offerFields(alice.deviceId(), bob.deviceId(), opened.sessionId().value()), "{}");
            expect(ErrorCode.SESSION_ID_EXISTS, () -> convro.app.openSession().open(new OpenSessionCommand(alice, bob.userId(), again)));
        }

        @Test
        void aRemovedInitiatorDeviceCannotOpen() {
            AuthSession alice = convro.register("alice");
            Caller stale = convro.caller(alice);
            Caller bob = convro.caller(convro.register("bob"));
            convro.app.removeDevice().removeDevice(stale, stale.deviceId());
            HandshakeOffer offer = HandshakeOffer.parse(TestConvro.offerFields(stale.deviceId(), bob.deviceId(), "0000abcd"), "{}");
            expect(ErrorCode.INITIATOR_DEVICE_NOT_FOUND, () -> convro.app.openSession().open(new OpenSessionCommand(stale, bob.userId(), offer)));
        }

        @Test
        void onlyTheResponderCanAccept() {
            Caller alice = convro.caller(convro.register("alice"));
            Caller bob = convro.caller(convro.register("bob"));
            OpenedSession opened = convro.open(alice, bob);
            expect(ErrorCode.SESSION_NOT_FOUND, () -> convro.app.acceptSession().accept(new AcceptSessionCommand(alice, opened.sessionDbId())));
            expect(ErrorCode.SESSION_NOT_FOUND, () -> convro.app.acceptSession().accept(new AcceptSessionCommand(bob, new SessionDbId(424242))));
        }
    }

    @Nested
    class Messages {
        @Test
        void malformedMessageFieldsAreRejectedByTheirParsers() {
            expect(ErrorCode.INVALID_CIPHERTEXT, () -> Ciphertext.parseBase64("***"));
            expect(ErrorCode.MESSAGE_TOO_LARGE, () -> Ciphertext.of(new byte[65_537]));
            expect(ErrorCode.INVALID_AUTH_TAG, () -> AuthTag.of(new byte[17]));
            expect(ErrorCode.INVALID_CLIENT_MESSAGE_ID, () -> ClientMessageId.parse(""));
            expect(ErrorCode.INVALID_CLIENT_TIMESTAMP, () -> ClientTimestamp.parse("25/11/2026"));
            expect(ErrorCode.INVALID_RECEIPT_STATUS, () -> ReceiptStatus.parse("SEEN"));
            expect(ErrorCode.INVALID_QUERY, () -> new HistoryQuery(null, SessionId.parse("0000abcd"), null, 201));
        }

        @Test
        void sendingChecksMembershipRecipientAndState() {
            Caller alice = convro.caller(convro.register("alice"));
            Caller bob = convro.caller(convro.register("bob"));
            Caller eve = convro.caller(convro.register("eve"));
            OpenedSession pending = convro.open(alice, bob);
            expect(ErrorCode.SESSION_NOT_FOUND, () -> convro.send(eve, bob, pending.sessionId()));
            expect(ErrorCode.INVALID_RECIPIENT, () -> convro.send(alice, eve, pending.sessionId()));
            expect(ErrorCode.SESSION_NOT_ACTIVE, () -> convro.send(alice, bob, pending.sessionId()));
            expect(ErrorCode.SESSION_NOT_FOUND, () -> convro.app.history().history(
                    new HistoryQuery(eve, pending.sessionId(), new HistoryCursor.Latest(), 10)));
        }

        @Test
        void onlyTheRecipientSetsReceiptsAllOrNothing() {
            Caller alice = convro.caller(convro.register("alice"));
            Caller bob = convro.caller(convro.register("bob"));
            OpenedSession session = convro.activeSession(alice, bob);
            SentMessage sent = convro.send(alice, bob, session.sessionId());
            expect(ErrorCode.NOT_MESSAGE_RECIPIENT, () -> convro.app.receipts().setReceipts(
                    new ReceiptCommand(alice, List.of(sent.messageId()), ReceiptStatus.READ)));
            expect(ErrorCode.MESSAGE_NOT_FOUND, () -> convro.app.receipts().setReceipts(
                    new ReceiptCommand(bob, List.of(sent.messageId(), MessageId.of(987_654)), ReceiptStatus.READ)));
            assertThat(convro.stores.messages().findById(sent.messageId()).orElseThrow().deliveryState().name()).isEqualTo("PENDING");
            List<MessageId> tooMany = new ArrayList<>();
            for (int i = 1; i <= 101; i++) {
                tooMany.add(MessageId.of(i));
            }
            expect(ErrorCode.INVALID_QUERY, () -> new ReceiptCommand(bob, tooMany, ReceiptStatus.READ));
        }

        @Test
        void aSessionOfARemovedDeviceIsClosed() {
            AuthSession bobSession = convro.register("bob");
            Caller alice = convro.caller(convro.register("alice"));
            Caller bob = convro.caller(bobSession);
            OpenedSession session = convro.activeSession(alice, bob);
            convro.send(bob, alice, session.sessionId());
            convro.app.removeDevice().removeDevice(bob, bob.deviceId());
            expect(ErrorCode.SESSION_NOT_ACTIVE, () -> convro.send(alice, bob, session.sessionId()));
            assertThat(convro.app.history().history(new HistoryQuery(alice, session.sessionId(), new HistoryCursor.Latest(), 10))
                    .messages()).hasSize(1);
            expect(ErrorCode.TOKEN_REVOKED, () -> convro.caller(bobSession));
            assertThat(convro.realtime.disconnected()).contains(bob.deviceId());
        }
    }

    @Test
    void sendCommandsCarryOnlyParsedValues() {
        Caller alice = convro.caller(convro.register("alice"));
        SendMessageCommand command = new SendMessageCommand(alice, SessionId.parse("0000abcd"), alice.deviceId(), null, null,
                Ciphertext.of(new byte[] {1}), AuthTag.of(new byte[16]));
        expect(ErrorCode.SESSION_NOT_FOUND, () -> convro.app.sendMessage().sendAndWait(command));
    }
}
