package io.convro.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.convro.application.auth.RefreshToken;
import io.convro.application.messages.ConversationCursor;
import io.convro.application.messages.DuplicateClientMessageIdException;
import io.convro.application.messages.HistoryCursor;
import io.convro.application.messages.HistoryPage;
import io.convro.application.messages.SessionActivity;
import io.convro.application.messages.StoreMessageOutcome;
import io.convro.domain.DomainException;
import io.convro.domain.ErrorCode;
import io.convro.domain.device.Device;
import io.convro.domain.device.DeviceId;
import io.convro.domain.device.DeviceLabel;
import io.convro.domain.device.Platform;
import io.convro.domain.message.AuthTag;
import io.convro.domain.message.Ciphertext;
import io.convro.domain.message.ClientMessageId;
import io.convro.domain.message.ClientTimestamp;
import io.convro.domain.message.DeliveryState;
import io.convro.domain.message.DmMessage;
import io.convro.domain.message.MessageId;
import io.convro.domain.message.ReceiptStatus;
import io.convro.domain.prekey.Ed25519PublicKey;
import io.convro.domain.prekey.Ed25519Signature;
import io.convro.domain.prekey.IdentityKey;
import io.convro.domain.prekey.KeyId;
import io.convro.domain.prekey.OneTimePrekey;
import io.convro.domain.prekey.SignedPrekey;
import io.convro.domain.prekey.X25519PublicKey;
import io.convro.domain.session.DmSession;
import io.convro.domain.session.SessionDbId;
import io.convro.domain.session.SessionId;
import io.convro.domain.session.SessionState;
import io.convro.domain.user.ConvroNumber;
import io.convro.domain.user.FullName;
import io.convro.domain.user.User;
import io.convro.domain.user.UserId;
import io.convro.domain.user.Username;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The repository contract, written once against the out-ports only. Every set of stores (in-memory,
 * H2, MariaDB) extends this class, supplies {@link #stores()}, and must pass it unchanged, so that the
 * three behave alike. Each test starts from empty stores ({@link RepositoryStores#reset()}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class RepositoryContract extends GroupsContract {
    /** Every time the contract stores is whole milliseconds: the precision Convro keeps. */
    private static final Instant T0 = Instant.parse("2026-11-25T14:10:54.120Z");
    private final AtomicInteger sequence = new AtomicInteger();

    /** The stores under test; called before each test, so an implementation may create them lazily once. */
    @Override
    protected abstract RepositoryStores stores();

    private RepositoryStores s;

    @BeforeEach
    void emptyStores() {
        s = stores();
        s.reset().run();
    }

    // ---------------------------------------------------------------- users

    @Test
    void usernamesAreUniqueCaseInsensitivelyAndKeptAsRegistered() {
        User stored = newUser("Sigmabo");

        assertThatThrownBy(() -> newUser("sigmabo"))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.USERNAME_TAKEN));
        assertThat(s.users().findByUsername(Username.parse("SIGMABO"))).contains(stored);
        assertThat(stored.username().value()).isEqualTo("Sigmabo");
    }

    @Test
    void aConvroNumberTakenTwiceIsFailedToAllocate() {
        User first = newUser(null);
        User twin = new User(null, first.convroNumber(), null, null, "$argon2id$twin", T0);

        assertThatThrownBy(() -> s.users().insert(twin))
                .isInstanceOfSatisfying(DomainException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.FAILED_TO_ALLOCATE_CONVRO_NUMBER));
    }

    @Test
    void usersAreFoundByIdNumberAndInOneLookUp() {
        User anna = newUser("anna");
        User bob = newUser(null);

        assertThat(s.users().findById(anna.id())).contains(anna);
        assertThat(s.users().findByConvroNumber(bob.convroNumber())).contains(bob);
        assertThat(s.users().findByUsername(Username.parse("nobody"))).isEmpty();
        assertThat(s.users().findByIds(List.of(anna.id(), bob.id(), UserId.of(anna.id().value() + bob.id().value()))))
                .containsOnly(Map.entry(anna.id(), anna), Map.entry(bob.id(), bob));
        assertThat(s.users().findByIds(List.of())).isEmpty();
    }

    // ---------------------------------------------------------------- devices

    @Test
    void deviceIdsAreUniqueAcrossUsers() {
        User anna = newUser(null);
        User bob = newUser(null);
        Device device = newDevice(anna, T0);

        Device stolen = Device.register(device.id(), bob.id(), Platform.WEB, null, T0);
        assertThatThrownBy(() -> s.devices().insert(stolen))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.DEVICE_ID_TAKEN));
        assertThat(s.devices().findById(device.id())).contains(device);
    }

    @Test
    void devicesAreListedOldestFirstAndUpdatedInPlace() {
        User anna = newUser(null);
        Device newer = newDevice(anna, T0.plusSeconds(10));
        Device older = newDevice(anna, T0);

        Device updated = newer.withDetails(Platform.DESKTOP, DeviceLabel.parse("Laptop")).removed();
        s.devices().update(updated);
        s.devices().touch(older.id(), T0.plusSeconds(60));

        assertThat(s.devices().listByUser(anna.id())).containsExactly(older.seenAt(T0.plusSeconds(60)), updated);
        assertThat(s.devices().countActive(anna.id())).isEqualTo(1);
        assertThat(s.devices().findById(DeviceId.parse("FFFFFFFFFFFFFFFF"))).isEmpty();
    }

    // ---------------------------------------------------------------- transactions

    @Test
    void aFailedTransactionKeepsNothingAndRethrowsTheSameException() {
        IllegalStateException boom = new IllegalStateException("boom");
        ConvroNumber number = ConvroNumber.ofIndex(nextIndex());

        assertThatThrownBy(() -> s.transactions().inTransaction(() -> {
            User user = s.users().insert(new User(null, number, Username.parse("rolled"), null, "$argon2id$x", T0));
            s.devices().insert(Device.register(nextDeviceId(), user.id(), Platform.IOS, null, T0));
            throw boom;
        })).isSameAs(boom);

        assertThat(s.users().findByConvroNumber(number)).isEmpty();
        assertThat(s.users().findByUsername(Username.parse("rolled"))).isEmpty();
    }

    @Test
    void aNestedTransactionJoinsTheOuterOneAndRollsBackWithIt() {
        ConvroNumber number = ConvroNumber.ofIndex(nextIndex());

        assertThatThrownBy(() -> s.transactions().run(() -> {
            s.transactions().run(() -> s.users().insert(new User(null, number, null, null, "$argon2id$x", T0)));
            assertThat(s.users().findByConvroNumber(number)).as("visible inside the outer transaction").isPresent();
            throw new IllegalArgumentException("outer fails");
        })).isInstanceOf(IllegalArgumentException.class);

        assertThat(s.users().findByConvroNumber(number)).isEmpty();
    }

    @Test
    void aCommittedTransactionKeepsEverything() {
        User user = s.transactions().inTransaction(() -> {
            User stored = newUser("kept");
            newDevice(stored, T0);
            return stored;
        });

        assertThat(s.users().findById(user.id())).contains(user);
        assertThat(s.devices().listByUser(user.id())).hasSize(1);
    }

    // ---------------------------------------------------------------- refresh tokens

    @Test
    void refreshTokensAreStoredByHashAndRevokedOnce() {
        Device device = newDevice(newUser(null), T0);
        RefreshToken token = newToken(device);

        assertThat(s.refreshTokens().findByJti(token.jti())).contains(token);
        assertThat(s.refreshTokens().revokeIfActive(token.jti(), T0.plusSeconds(1))).isTrue();
        assertThat(s.refreshTokens().revokeIfActive(token.jti(), T0.plusSeconds(2))).isFalse();
        assertThat(s.refreshTokens().findByJti(token.jti()).orElseThrow().revokedAt()).isEqualTo(T0.plusSeconds(1));
        assertThat(s.refreshTokens().revokeIfActive("00000000deadbeef", T0)).isFalse();
    }

    @Test
    void ofConcurrentRevocationsExactlyOneWins() {
        RefreshToken token = newToken(newDevice(newUser(null), T0));

        var outcomes = Concurrently.run(16, () -> s.refreshTokens().revokeIfActive(token.jti(), T0.plusSeconds(1)));

        assertThat(outcomes).allMatch(Concurrently.Outcome::succeeded);
        assertThat(outcomes.stream().filter(Concurrently.Outcome::value).count()).isEqualTo(1);
    }

    @Test
    void revokingAllForADeviceOrAUserCountsOnlyUnrevokedTokens() {
        User anna = newUser(null);
        Device phone = newDevice(anna, T0);
        Device laptop = newDevice(anna, T0);
        RefreshToken first = newToken(phone);
        newToken(phone);
        newToken(laptop);
        RefreshToken othersToken = newToken(newDevice(newUser(null), T0));
        s.refreshTokens().revokeIfActive(first.jti(), T0);

        assertThat(s.refreshTokens().revokeAllForDevice(phone.id(), T0.plusSeconds(1))).isEqualTo(1);
        assertThat(s.refreshTokens().revokeAllForUser(anna.id(), T0.plusSeconds(2))).isEqualTo(1);
        assertThat(s.refreshTokens().revokeAllForUser(anna.id(), T0.plusSeconds(3))).isZero();
        assertThat(s.refreshTokens().findByJti(othersToken.jti()).orElseThrow().revoked()).isFalse();
    }

    // ---------------------------------------------------------------- prekeys

    @Test
    void identityAndSignedPrekeyAreReplacedNotAdded() {
        Device device = newDevice(newUser(null), T0);
        IdentityKey first = new IdentityKey(Ed25519PublicKey.of(bytes(32, 1)), "fp-1");
        IdentityKey second = new IdentityKey(Ed25519PublicKey.of(bytes(32, 2)), null);
        SignedPrekey signedOne = signedPrekey(1);
        SignedPrekey signedTwo = signedPrekey(2);

        s.prekeys().saveIdentity(device.id(), first, T0);
        s.prekeys().saveSignedPrekey(device.id(), signedOne, T0);
        s.prekeys().saveIdentity(device.id(), second, T0.plusSeconds(1));
        s.prekeys().saveSignedPrekey(device.id(), signedTwo, T0.plusSeconds(1));

        assertThat(s.prekeys().findIdentity(device.id())).contains(second);
        assertThat(s.prekeys().findSignedPrekey(device.id())).contains(signedTwo);
    }

    @Test
    void oneTimePrekeysWithAKnownKeyIdAreSkippedEvenOnceConsumed() {
        Device device = newDevice(newUser(null), T0);
        List<OneTimePrekey> firstUpload = oneTimePrekeys(0, 3);
        assertThat(s.prekeys().addOneTimePrekeys(device.id(), firstUpload, T0)).isEqualTo(3);
        assertThat(s.prekeys().consumeOne(device.id(), T0)).contains(firstUpload.get(0));

        List<OneTimePrekey> secondUpload = oneTimePrekeys(0, 5);
        assertThat(s.prekeys().knownKeyIds(device.id(), secondUpload.stream().map(OneTimePrekey::keyId).toList()))
                .containsExactlyInAnyOrder(keyId(0), keyId(1), keyId(2));
        assertThat(s.prekeys().addOneTimePrekeys(device.id(), secondUpload, T0)).isEqualTo(2);
        assertThat(s.prekeys().countAvailable(device.id())).isEqualTo(4);
    }

    @Test
    void keyIdsAreUniquePerDeviceNotAcrossDevices() {
        User anna = newUser(null);
        Device phone = newDevice(anna, T0);
        Device laptop = newDevice(anna, T0);

        assertThat(s.prekeys().addOneTimePrekeys(phone.id(), oneTimePrekeys(0, 2), T0)).isEqualTo(2);
        assertThat(s.prekeys().addOneTimePrekeys(laptop.id(), oneTimePrekeys(0, 2), T0)).isEqualTo(2);
        assertThat(s.prekeys().knownKeyIds(laptop.id(), List.of(keyId(0), keyId(7)))).containsExactly(keyId(0));
    }

    @Test
    void oneTimePrekeysAreHandedOutOldestFirstAndOnlyOnce() {
        Device device = newDevice(newUser(null), T0);
        List<OneTimePrekey> uploaded = oneTimePrekeys(0, 3);
        s.prekeys().addOneTimePrekeys(device.id(), uploaded, T0);

        List<Optional<OneTimePrekey>> handedOut = IntStream.range(0, 4)
                .mapToObj(i -> s.prekeys().consumeOne(device.id(), T0)).toList();

        assertThat(handedOut).containsExactly(Optional.of(uploaded.get(0)), Optional.of(uploaded.get(1)),
                Optional.of(uploaded.get(2)), Optional.empty());
        assertThat(s.prekeys().countAvailable(device.id())).isZero();
    }

    @Test
    void bundleFetchNeverHandsOutAnOneTimePrekeyTwice() {
        Device device = newDevice(newUser(null), T0);
        s.prekeys().addOneTimePrekeys(device.id(), oneTimePrekeys(0, 20), T0);

        var outcomes = Concurrently.run(32, () -> s.prekeys().consumeOne(device.id(), T0));

        assertThat(outcomes).allMatch(Concurrently.Outcome::succeeded);
        List<KeyId> handedOut = outcomes.stream().map(Concurrently.Outcome::value)
                .flatMap(Optional::stream).map(OneTimePrekey::keyId).toList();
        assertThat(handedOut).hasSize(20).doesNotHaveDuplicates();
        assertThat(outcomes.stream().filter(o -> o.value().isEmpty()).count()).isEqualTo(12);
        assertThat(s.prekeys().countAvailable(device.id())).isZero();
    }

    @Test
    void aConsumptionRolledBackWithItsTransactionLeavesTheKeyAvailable() {
        Device device = newDevice(newUser(null), T0);
        List<OneTimePrekey> uploaded = oneTimePrekeys(0, 1);
        s.prekeys().addOneTimePrekeys(device.id(), uploaded, T0);

        assertThatThrownBy(() -> s.transactions().run(() -> {
            assertThat(s.prekeys().consumeOne(device.id(), T0)).isPresent();
            throw new IllegalStateException("bundle not sent");
        })).isInstanceOf(IllegalStateException.class);

        assertThat(s.prekeys().consumeOne(device.id(), T0)).contains(uploaded.get(0));
    }

    @Test
    void theFirstActiveDeviceWithPrekeysIsTheOldestActiveOneThatHasBothKeys() {
        User anna = newUser(null);
        Device oldestRemoved = newDevice(anna, T0);
        Device withoutSigned = newDevice(anna, T0.plusSeconds(1));
        Device complete = newDevice(anna, T0.plusSeconds(2));
        Device newerComplete = newDevice(anna, T0.plusSeconds(3));
        uploadKeys(oldestRemoved);
        uploadKeys(complete);
        uploadKeys(newerComplete);
        s.prekeys().saveIdentity(withoutSigned.id(), new IdentityKey(Ed25519PublicKey.of(bytes(32, 9)), null), T0);
        s.devices().update(oldestRemoved.removed());

        assertThat(s.prekeys().firstActiveDeviceWithPrekeys(anna.id())).contains(complete.id());
        assertThat(s.prekeys().firstActiveDeviceWithPrekeys(newUser(null).id())).isEmpty();
    }

    @Test
    void deletingAllPrekeysOfADeviceLeavesOtherDevicesAlone() {
        User anna = newUser(null);
        Device phone = newDevice(anna, T0);
        Device laptop = newDevice(anna, T0.plusSeconds(1));
        uploadKeys(phone);
        uploadKeys(laptop);

        s.prekeys().deleteAll(phone.id());

        assertThat(s.prekeys().findIdentity(phone.id())).isEmpty();
        assertThat(s.prekeys().findSignedPrekey(phone.id())).isEmpty();
        assertThat(s.prekeys().countAvailable(phone.id())).isZero();
        assertThat(s.prekeys().countAvailable(laptop.id())).isEqualTo(3);
        assertThat(s.prekeys().firstActiveDeviceWithPrekeys(anna.id())).contains(laptop.id());
    }

    // ---------------------------------------------------------------- sessions

    @Test
    void sessionIdsAreUniqueAcrossTheServer() {
        Pair pair = newPair();
        DmSession stored = newSession(pair, "0badcafe");

        assertThat(stored.id()).isNotNull();
        assertThatThrownBy(() -> newSession(newPair(), "0BADCAFE"))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.SESSION_ID_EXISTS));
        assertThat(s.sessions().findBySessionId(SessionId.parse("0badcafe"))).contains(stored);
        assertThat(s.sessions().findById(stored.id())).contains(stored);
    }

    @Test
    void pendingSessionsArePagedByIdAndCountedPerResponderAndPerInitiator() {
        Pair pair = newPair();
        Pair other = newPair();
        Pair toTheSameResponder = new Pair(other.initiatorUser(), other.initiator(), pair.responderUser(), pair.responder());
        List<DmSession> pending = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            pending.add(newSession(i % 2 == 0 ? pair : toTheSameResponder, nextSessionId()));
        }
        DmSession accepted = newSession(pair, nextSessionId()).acceptBy(pair.responder().id(), T0);
        s.sessions().update(accepted);
        newSession(other, nextSessionId());

        assertThat(s.sessions().listPendingFor(pair.responder().id(), 0, 2)).containsExactly(pending.get(0), pending.get(1));
        assertThat(s.sessions().listPendingFor(pair.responder().id(), pending.get(1).id().value(), 2))
                .containsExactly(pending.get(2), pending.get(3));
        assertThat(s.sessions().listPendingFor(pair.responder().id(), pending.get(3).id().value(), 2)).containsExactly(pending.get(4));
        assertThat(s.sessions().countPendingFor(pair.responder().id())).isEqualTo(5);
        assertThat(s.sessions().countPendingBetween(pair.initiator().id(), pair.responder().id())).isEqualTo(3);
        assertThat(s.sessions().countPendingBetween(other.initiator().id(), pair.responder().id())).isEqualTo(2);
        assertThat(s.sessions().countPendingBetween(pair.responder().id(), pair.initiator().id())).isZero();
    }

    @Test
    void sessionsAreListedPendingForTheResponderAndAllForEitherDevice() {
        Pair pair = newPair();
        DmSession first = newSession(pair, nextSessionId());
        DmSession second = newSession(pair, nextSessionId());
        DmSession accepted = second.acceptBy(pair.responder().id(), T0.plusSeconds(5));
        s.sessions().update(accepted);
        DmSession unrelated = newSession(newPair(), nextSessionId());

        assertThat(s.sessions().listPendingFor(pair.responder().id(), 0, 10)).containsExactly(first);
        assertThat(s.sessions().listPendingFor(pair.initiator().id(), 0, 10)).isEmpty();
        assertThat(s.sessions().listOf(pair.initiator().id())).containsExactlyInAnyOrder(first, accepted);
        assertThat(s.sessions().listOf(pair.responder().id())).containsExactlyInAnyOrder(first, accepted)
                .doesNotContain(unrelated);
        assertThat(s.sessions().findById(accepted.id()).orElseThrow().acceptedAt()).isEqualTo(T0.plusSeconds(5));
    }

    @Test
    void closingTheSessionsOfADeviceClosesOnlyItsOpenOnes() {
        Pair pair = newPair();
        DmSession pending = newSession(pair, nextSessionId());
        DmSession active = newSession(pair, nextSessionId()).acceptBy(pair.responder().id(), T0);
        s.sessions().update(active);
        DmSession elsewhere = newSession(newPair(), nextSessionId());

        assertThat(s.sessions().closeAllOf(pair.responder().id())).isEqualTo(2);
        assertThat(s.sessions().closeAllOf(pair.initiator().id())).isZero();
        assertThat(s.sessions().findById(pending.id()).orElseThrow().state()).isEqualTo(SessionState.CLOSED);
        assertThat(s.sessions().findById(active.id()).orElseThrow().state()).isEqualTo(SessionState.CLOSED);
        assertThat(s.sessions().findById(elsewhere.id()).orElseThrow().state()).isEqualTo(SessionState.PENDING);
    }

    // ---------------------------------------------------------------- messages

    @Test
    void messagesRoundTripWithGrowingIds() {
        Conversation c = newConversation();
        DmMessage first = send(c, c.pair().initiator(), "a");
        DmMessage second = send(c, c.pair().responder(), null);

        assertThat(second.id().value()).isGreaterThan(first.id().value());
        assertThat(s.messages().findById(first.id())).contains(first);
        assertThat(s.messages().findByIds(List.of(first.id(), second.id(), MessageId.of(second.id().value() + 1000))))
                .containsOnly(Map.entry(first.id(), first), Map.entry(second.id(), second));
        assertThat(s.messages().findByClientMessageId(c.pair().initiator().id(), ClientMessageId.parse("a"), c.pair().responder().id())).contains(first);
    }

    @Test
    void aRepeatedClientMessageIdFromTheSameDeviceIsADuplicate() {
        Conversation c = newConversation();
        DmMessage original = send(c, c.pair().initiator(), "retry-1");

        assertThatThrownBy(() -> send(c, c.pair().initiator(), "retry-1"))
                .isInstanceOf(DuplicateClientMessageIdException.class);
        DmMessage fromPeer = send(c, c.pair().responder(), "retry-1");
        DmMessage otherCase = send(c, c.pair().initiator(), "RETRY-1");

        assertThat(s.messages().findByClientMessageId(c.pair().initiator().id(), ClientMessageId.parse("retry-1"),
                c.pair().responder().id()))
                .contains(original);
        assertThat(fromPeer.id()).isNotEqualTo(otherCase.id());
    }

    @Test
    void concurrentTwinsWithOneClientMessageIdStoreOneMessage() {
        Conversation c = newConversation();

        var outcomes = Concurrently.run(12, () -> send(c, c.pair().initiator(), "twin"));

        assertThat(outcomes.stream().filter(Concurrently.Outcome::succeeded).count()).isEqualTo(1);
        assertThat(outcomes.stream().filter(o -> !o.succeeded()))
                .allMatch(o -> o.failure() instanceof DuplicateClientMessageIdException);
        assertThat(s.messages().page(c.session().id(), new HistoryCursor.Latest(), 50)).hasSize(1);
    }

    @Test
    void aFanOutStoresOneCopyPerRecipientDeviceUnderOneClientMessageIdAllOrNothing() {
        Pair hub = newPair();
        Conversation first = conversationWith(hub);
        Conversation second = conversationWith(hub);
        List<DmMessage> copies = List.of(compose(first, null, "fan-1"), compose(second, null, "fan-1"));

        List<DmMessage> stored = s.transactions().inTransaction(() -> s.messages().insertAllIfSessionsActive(copies)).orElseThrow();
        assertThat(stored).hasSize(2);
        assertThat(stored.get(1).id().value()).isGreaterThan(stored.get(0).id().value());
        assertThat(stored.get(0).recipientDeviceId()).isEqualTo(first.pair().responder().id());
        assertThat(s.messages().findAllByClientMessageId(hub.initiator().id(), ClientMessageId.parse("fan-1"))).containsExactlyElementsOf(stored);
        assertThat(s.messages().findByClientMessageId(hub.initiator().id(), ClientMessageId.parse("fan-1"),
                second.pair().responder().id())).contains(stored.get(1));
        assertThat(s.messages().findAllByClientMessageId(hub.initiator().id(), ClientMessageId.parse("other"))).isEmpty();

        Conversation third = conversationWith(hub);
        assertThatThrownBy(() -> s.transactions().run(() -> s.messages().insertAllIfSessionsActive(
                List.of(compose(third, null, "fan-1"), compose(first, null, "fan-1")))))
                .isInstanceOf(DuplicateClientMessageIdException.class);
        assertThat(s.messages().page(third.session().id(), new HistoryCursor.Latest(), 10)).as("all or nothing").isEmpty();
        assertThat(s.messages().insertAllIfSessionsActive(List.of(compose(third, null, "fan-1"))))
                .as("the key includes the recipient device").isPresent();
    }

    @Test
    void aFanOutIntoASessionThatIsNotActiveStoresNothing() {
        Pair hub = newPair();
        Conversation open = conversationWith(hub);
        Conversation closed = conversationWith(hub);
        s.sessions().update(closed.session().closed());

        assertThat(s.transactions().inTransaction(() -> s.messages().insertAllIfSessionsActive(
                List.of(compose(open, null, "fan-2"), compose(closed, null, "fan-2"))))).isEmpty();
        assertThat(s.messages().page(open.session().id(), new HistoryCursor.Latest(), 10)).isEmpty();
        assertThat(s.messages().findAllByClientMessageId(hub.initiator().id(), ClientMessageId.parse("fan-2"))).isEmpty();
    }

    // ---------------------------------------------------------------- the send path's own insert

    @Test
    void theSendPathStoresOnlyIntoAnActiveSession() {
        Conversation active = newConversation();
        Pair pendingPair = newPair();
        Conversation pending = new Conversation(pendingPair, newSession(pendingPair, nextSessionId()));
        Conversation closed = newConversation();
        s.sessions().update(closed.session().closed());

        DmMessage stored = storedMessage(storeIfActive(compose(active, null, "ok-1")));
        assertThat(s.messages().findById(stored.id())).contains(stored);
        assertThat(storeIfActive(compose(pending, null, null))).isInstanceOf(StoreMessageOutcome.NotActive.class);
        assertThat(storeIfActive(compose(closed, null, "late"))).isInstanceOf(StoreMessageOutcome.NotActive.class);
        assertThat(s.messages().page(pending.session().id(), new HistoryCursor.Latest(), 10)).isEmpty();
        assertThat(s.messages().page(closed.session().id(), new HistoryCursor.Latest(), 10)).isEmpty();
        assertThat(s.messages().findByClientMessageId(closed.pair().initiator().id(), ClientMessageId.parse("late"),
                closed.pair().responder().id())).isEmpty();
    }

    @Test
    void theSendPathAnswersARepeatedClientMessageIdWithItsOriginalAndStoresNothing() {
        Conversation c = newConversation();
        DmMessage original = storedMessage(storeIfActive(compose(c, null, "again")));

        assertThat(storeIfActive(compose(c, null, "again"))).isEqualTo(new StoreMessageOutcome.DuplicateOf(original));
        assertThat(s.messages().page(c.session().id(), new HistoryCursor.Latest(), 10)).containsExactly(original);
    }

    @Test
    void theSendPathAnswersNotActiveForASessionThatIsNotEvenForARepeat() {
        Conversation c = newConversation();
        storedMessage(storeIfActive(compose(c, null, "before-close")));
        s.sessions().update(c.session().closed());

        assertThat(storeIfActive(compose(c, null, "before-close"))).isInstanceOf(StoreMessageOutcome.NotActive.class);
    }

    @Test
    void theSendPathIsItsOwnStepNotPartOfATransaction() {
        Conversation c = newConversation();

        assertThatThrownBy(() -> s.transactions().run(() -> storeIfActive(compose(c, null, null))))
                .isInstanceOf(IllegalStateException.class);
        assertThat(s.messages().page(c.session().id(), new HistoryCursor.Latest(), 10)).isEmpty();
    }

    /**
     * Many senders at once, as a busy node sends: every message into an ACTIVE session is stored once and handed
     * back with the id it was stored under, each sender's messages keep their order, a repeated clientMessageId
     * stores once, and a closed session among them stores nothing and spoils nothing for the others.
     */
    @Test
    void concurrentSendsAreEachStoredOnceUnderTheIdTheyWereGiven() {
        List<Conversation> active = List.of(newConversation(), newConversation(), newConversation());
        Conversation closed = newConversation();
        s.sessions().update(closed.session().closed());
        AtomicInteger senders = new AtomicInteger();

        var outcomes = Concurrently.run(12, () -> {
            int sender = senders.getAndIncrement();
            Conversation c = sender == 11 ? closed : active.get(sender % active.size());
            Device from = sender % 2 == 0 ? c.pair().initiator() : c.pair().responder();
            List<StoreMessageOutcome> mine = new ArrayList<>();
            // not stored: says whose list this is
            mine.add(new StoreMessageOutcome.Stored(compose(c, from, "sender-" + sender)));
            for (int i = 0; i < 20; i++) {
                // senders 0 and 6 share a device and race for the same clientMessageIds
                String clientMessageId = sender == 0 || sender == 6 ? "shared-" + i : "s" + sender + "-" + i;
                mine.add(storeIfActive(compose(c, from, clientMessageId)));
            }
            return mine;
        });

        Set<MessageId> ids = new HashSet<>();
        int sharedStored = 0;
        for (var outcome0 : outcomes) {
            List<StoreMessageOutcome> mine = outcome0.value();
            int sender = Integer.parseInt(storedMessage(mine.get(0)).clientMessageId().value().substring("sender-".length()));
            assertThat(mine).hasSize(21);
            long last = 0;
            for (StoreMessageOutcome outcome : mine.subList(1, mine.size())) {
                if (sender == 11) {
                    assertThat(outcome).as("a closed session stores nothing").isInstanceOf(StoreMessageOutcome.NotActive.class);
                    continue;
                }
                if (outcome instanceof StoreMessageOutcome.DuplicateOf lostTheRace) {
                    assertThat(lostTheRace.original().clientMessageId().value()).as("only shared ids repeat").startsWith("shared-");
                    assertThat(s.messages().findById(lostTheRace.original().id())).contains(lostTheRace.original());
                    continue;
                }
                DmMessage stored = storedMessage(outcome);
                assertThat(s.messages().findById(stored.id())).as("stored under the id it was given").contains(stored);
                assertThat(stored.id().value()).as("a sender's messages keep their order").isGreaterThan(last);
                last = stored.id().value();
                assertThat(ids.add(stored.id())).isTrue();
                if (stored.clientMessageId().value().startsWith("shared-")) {
                    sharedStored++;
                }
            }
        }
        assertThat(sharedStored).as("each shared clientMessageId stored once").isEqualTo(20);
        assertThat(ids).hasSize(9 * 20 + 20);
        assertThat(s.messages().page(closed.session().id(), new HistoryCursor.Latest(), 10)).isEmpty();
    }

    @Test
    void historyPagesBackwardsNewestFirstAndForwardsOldestFirst() {
        Conversation c = newConversation();
        List<MessageId> ids = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            ids.add(send(c, i % 2 == 0 ? c.pair().initiator() : c.pair().responder(), null).id());
        }
        send(newConversation(), null, null);

        // a caller asks for limit + 1 to learn hasMore: the store must return exactly what exists
        assertThat(idsOf(s.messages().page(c.session().id(), new HistoryCursor.Latest(), 4)))
                .containsExactly(ids.get(6), ids.get(5), ids.get(4), ids.get(3));
        assertThat(idsOf(s.messages().page(c.session().id(), new HistoryCursor.Before(ids.get(3)), 4)))
                .containsExactly(ids.get(2), ids.get(1), ids.get(0));
        assertThat(idsOf(s.messages().page(c.session().id(), new HistoryCursor.After(ids.get(1)), 3)))
                .containsExactly(ids.get(2), ids.get(3), ids.get(4));
        assertThat(idsOf(s.messages().page(c.session().id(), new HistoryCursor.After(ids.get(4)), 3)))
                .containsExactly(ids.get(5), ids.get(6));
        assertThat(s.messages().page(c.session().id(), new HistoryCursor.After(ids.get(6)), 3)).isEmpty();
        assertThat(s.messages().page(c.session().id(), new HistoryCursor.Before(ids.get(0)), 3)).isEmpty();
        assertThat(idsOf(s.messages().page(c.session().id(), new HistoryCursor.First(), 3)))
                .as("from the first message, oldest first (afterId=0)").containsExactly(ids.get(0), ids.get(1), ids.get(2));
    }

    @Test
    void aHistoryPageCarriesNoMoreCiphertextThanItsBudgetButAlwaysOneMessage() {
        Conversation c = newConversation();
        List<MessageId> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            DmMessage small = compose(c, null, "big-" + i);
            DmMessage big = DmMessage.compose(small.sessionDbId(), small.sessionId(), small.senderUserId(),
                    small.senderDeviceId(), small.recipientDeviceId(), Ciphertext.of(new byte[10_000]), small.authTag(),
                    small.clientMessageId(), small.clientTimestamp(), small.serverTimestamp());
            ids.add(s.messages().insert(big).id());
        }
        HistoryPage page = s.messages().page(c.session().id(), new HistoryCursor.Latest(), 50, 25_000);
        assertThat(page.messages()).extracting(DmMessage::id).containsExactly(ids.get(4), ids.get(3));
        assertThat(page.hasMore()).isTrue();
        HistoryPage tiny = s.messages().page(c.session().id(), new HistoryCursor.After(ids.get(0)), 50, 1);
        assertThat(tiny.messages()).extracting(DmMessage::id).as("one even over the budget").containsExactly(ids.get(1));
        assertThat(tiny.hasMore()).isTrue();
        HistoryPage all = s.messages().page(c.session().id(), new HistoryCursor.Latest(), 5, 1_000_000);
        assertThat(all.messages()).hasSize(5);
        assertThat(all.hasMore()).isFalse();
        assertThat(s.messages().page(c.session().id(), new HistoryCursor.Latest(), 4, 1_000_000).hasMore()).isTrue();
    }

    @Test
    void recentSessionsComeMostRecentActivityFirstAndPageAfterACursor() {
        Pair hub = newPair();
        Conversation quietOlder = conversationWith(hub);
        Conversation active = conversationWith(hub);
        Conversation quietNewer = conversationWith(hub);
        Conversation mostRecent = conversationWith(hub);
        newConversation(); // another device's session: never listed
        send(active, active.pair().initiator(), null);
        DmMessage activeLast = send(active, active.pair().responder(), null);
        DmMessage mostRecentLast = send(mostRecent, mostRecent.pair().responder(), null);
        DeviceId device = hub.initiator().id();

        // activity: the newest message's serverTimestamp, else the creation (all four were created at T0);
        // equal activity: the higher sessionDbId first
        List<SessionActivity> all = s.messages().recentSessions(device, null, 10);
        assertThat(all).extracting(SessionActivity::sessionDbId).containsExactly(mostRecent.session().id(),
                active.session().id(), quietNewer.session().id(), quietOlder.session().id());
        assertThat(all.get(0)).isEqualTo(new SessionActivity(mostRecent.session().id(), mostRecentLast.id(),
                mostRecentLast.serverTimestamp()));
        assertThat(all.get(1)).isEqualTo(new SessionActivity(active.session().id(), activeLast.id(), activeLast.serverTimestamp()));
        assertThat(all.get(2)).isEqualTo(new SessionActivity(quietNewer.session().id(), null, T0));

        List<SessionActivity> first = s.messages().recentSessions(device, null, 2);
        assertThat(first).isEqualTo(all.subList(0, 2));
        SessionActivity end = first.get(1);
        List<SessionActivity> second = s.messages().recentSessions(device,
                new ConversationCursor(end.lastActivity(), end.sessionDbId()), 2);
        assertThat(second).isEqualTo(all.subList(2, 4));
        SessionActivity tie = second.get(0);
        assertThat(s.messages().recentSessions(device, new ConversationCursor(tie.lastActivity(), tie.sessionDbId()), 2))
                .isEqualTo(all.subList(3, 4));
        assertThat(s.messages().recentSessions(device, new ConversationCursor(T0, quietOlder.session().id()), 2)).isEmpty();
        assertThat(s.messages().recentSessions(nextDeviceId(), null, 2)).isEmpty();
    }

    @Test
    void unreadCountsCoverEverySessionAtOnceAndStopAtTheCap() {
        Conversation busy = newConversation();
        Conversation quiet = newConversation();
        Conversation empty = newConversation();
        DeviceId reader = busy.pair().responder().id();
        DmMessage read = send(busy, busy.pair().initiator(), null);
        send(busy, busy.pair().initiator(), null);
        send(busy, busy.pair().responder(), null);
        send(quiet, quiet.pair().initiator(), null);
        s.messages().saveReceipt(read.receiptBy(reader, ReceiptStatus.READ, T0), reader, ReceiptStatus.READ, T0);
        Conversation flooded = newConversation();
        for (int i = 0; i < 5; i++) {
            send(flooded, flooded.pair().initiator(), null);
        }

        List<SessionDbId> all = List.of(busy.session().id(), quiet.session().id(), empty.session().id());
        Map<SessionDbId, Integer> unread = s.messages().unreadCounts(reader, all, 100);
        assertThat(unread.get(busy.session().id())).isEqualTo(1);
        assertThat(unread.getOrDefault(quiet.session().id(), 0)).isZero();
        assertThat(unread.getOrDefault(empty.session().id(), 0)).isZero();
        assertThat(s.messages().unreadCounts(quiet.pair().responder().id(), all, 100).get(quiet.session().id())).isEqualTo(1);
        DeviceId floodedReader = flooded.pair().responder().id();
        assertThat(s.messages().unreadCounts(floodedReader, List.of(flooded.session().id()), 3))
                .containsExactly(Map.entry(flooded.session().id(), 3));
        assertThat(s.messages().unreadCounts(floodedReader, List.of(flooded.session().id()), 100))
                .containsExactly(Map.entry(flooded.session().id(), 5));
        assertThat(s.messages().unreadCounts(reader, List.of(), 100)).isEmpty();
    }

    @Test
    void sessionsAreFoundByTheirIdsAtOnce() {
        Conversation one = newConversation();
        Conversation two = newConversation();
        assertThat(s.sessions().findByIds(List.of(one.session().id(), two.session().id(), new SessionDbId(987_654_321L))))
                .containsOnly(Map.entry(one.session().id(), one.session()), Map.entry(two.session().id(), two.session()));
        assertThat(s.sessions().findByIds(List.of())).isEmpty();
    }

    @Test
    void receiptsMoveTheMessageForwardAndAreKeptOncePerDevice() {
        Conversation c = newConversation();
        DeviceId recipient = c.pair().responder().id();
        DmMessage message = send(c, c.pair().initiator(), null);

        DmMessage delivered = message.receiptBy(recipient, ReceiptStatus.DELIVERED, T0.plusSeconds(1));
        s.messages().saveReceipt(delivered, recipient, ReceiptStatus.DELIVERED, T0.plusSeconds(1));
        assertThat(s.messages().findById(message.id())).contains(delivered);

        DmMessage read = delivered.receiptBy(recipient, ReceiptStatus.READ, T0.plusSeconds(2));
        s.messages().saveReceipt(read, recipient, ReceiptStatus.READ, T0.plusSeconds(2));
        s.messages().saveReceipt(read, recipient, ReceiptStatus.READ, T0.plusSeconds(3));

        DmMessage stored = s.messages().findById(message.id()).orElseThrow();
        assertThat(stored.deliveryState()).isEqualTo(DeliveryState.READ);
        assertThat(stored.deliveredAt()).isEqualTo(T0.plusSeconds(1));
        assertThat(stored.readAt()).isEqualTo(T0.plusSeconds(2));
    }

    @Test
    void aBatchOfReceiptsMovesEachMessageAsItsOwnReceiptWould() {
        Conversation c = newConversation();
        DeviceId recipient = c.pair().responder().id();
        List<DmMessage> sent = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            sent.add(send(c, c.pair().initiator(), null));
        }
        DmMessage deliveredEarlier = sent.get(1).receiptBy(recipient, ReceiptStatus.DELIVERED, T0.plusSeconds(1));
        s.messages().saveReceipt(deliveredEarlier, recipient, ReceiptStatus.DELIVERED, T0.plusSeconds(1));

        // five (a store may pad the batch), out of order, one delivered before and four never
        Instant at = T0.plusSeconds(5);
        List<DmMessage> read = List.of(sent.get(4).receiptBy(recipient, ReceiptStatus.READ, at),
                deliveredEarlier.receiptBy(recipient, ReceiptStatus.READ, at), sent.get(0).receiptBy(recipient, ReceiptStatus.READ, at),
                sent.get(3).receiptBy(recipient, ReceiptStatus.READ, at), sent.get(2).receiptBy(recipient, ReceiptStatus.READ, at));
        s.messages().saveReceipts(read, recipient, ReceiptStatus.READ, at);

        for (DmMessage each : read) {
            assertThat(s.messages().findById(each.id())).contains(each);
        }
        assertThat(s.messages().findById(sent.get(1).id()).orElseThrow().deliveredAt()).isEqualTo(T0.plusSeconds(1));
        assertThat(s.messages().findById(sent.get(0).id()).orElseThrow().deliveredAt()).isEqualTo(at);
    }

    // ---------------------------------------------------------------- retention

    @Test
    void messagesOlderThanTheCutoffGoOldestFirstInBatchesWithTheirReceiptsAndClientMessageIds() {
        Conversation c = newConversation();
        DeviceId recipient = c.pair().responder().id();
        List<DmMessage> sent = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            sent.add(send(c, c.pair().initiator(), "old-" + i));
        }
        for (DmMessage message : sent) {
            s.messages().saveReceipt(message.receiptBy(recipient, ReceiptStatus.DELIVERED, T0.plusSeconds(1)), recipient,
                    ReceiptStatus.DELIVERED, T0.plusSeconds(1));
        }
        Instant cutoff = sent.get(3).serverTimestamp(); // the first three are older, the fourth is not
        DmMessage young = sent.get(4);

        assertThat(s.expiredData().deleteMessagesBefore(cutoff, 2)).isEqualTo(2);
        assertThat(s.expiredData().deleteMessagesBefore(cutoff, 2)).isEqualTo(1);
        assertThat(s.expiredData().deleteMessagesBefore(cutoff, 2)).isZero();

        assertThat(idsOf(s.messages().page(c.session().id(), new HistoryCursor.Latest(), 10)))
                .containsExactly(young.id(), sent.get(3).id());
        assertThat(s.messages().findById(sent.get(0).id())).isEmpty();
        assertThat(s.messages().findByClientMessageId(c.pair().initiator().id(), ClientMessageId.parse("old-0"),
                c.pair().responder().id())).isEmpty();
        // the receipts went with their messages: the client message id can be used again, the survivors keep theirs
        assertThat(send(c, c.pair().initiator(), "old-0").id().value()).isGreaterThan(young.id().value());
        assertThat(s.messages().findById(young.id()).orElseThrow().deliveryState()).isEqualTo(DeliveryState.DELIVERED);
    }

    @Test
    void theMessagePurgeStopsAtTheFirstMessageThatIsNotOldEnough() {
        Conversation c = newConversation();
        DmMessage first = send(c, c.pair().initiator(), null);
        DmMessage second = send(c, c.pair().initiator(), null);

        assertThat(s.expiredData().deleteMessagesBefore(first.serverTimestamp(), 10)).isZero();
        assertThat(s.expiredData().deleteMessagesBefore(second.serverTimestamp().plusMillis(1), 10)).isEqualTo(2);
        assertThat(s.messages().page(c.session().id(), new HistoryCursor.Latest(), 10)).isEmpty();
    }

    @Test
    void refreshTokensGoOnlyOnceTheirExpiryIsBeforeTheCutoffRevokedOrNot() {
        Device device = newDevice(newUser(null), T0);
        RefreshToken revoked = newToken(device);
        RefreshToken active = newToken(device);
        RefreshToken third = newToken(device);
        s.refreshTokens().revokeIfActive(revoked.jti(), T0.plusSeconds(1));
        Instant expiry = active.expiresAt();

        assertThat(s.expiredData().deleteRefreshTokensExpiredBefore(expiry, 10)).isZero();
        assertThat(s.refreshTokens().findByJti(revoked.jti())).isPresent();
        assertThat(s.expiredData().deleteRefreshTokensExpiredBefore(expiry.plusMillis(1), 2)).isEqualTo(2);
        assertThat(s.expiredData().deleteRefreshTokensExpiredBefore(expiry.plusMillis(1), 2)).isEqualTo(1);
        assertThat(List.of(revoked, active, third)).allMatch(token -> s.refreshTokens().findByJti(token.jti()).isEmpty());
    }

    @Test
    void onlyOneTimePrekeysHandedOutBeforeTheCutoffGo() {
        Device device = newDevice(newUser(null), T0);
        uploadKeys(device); // three one-time prekeys
        OneTimePrekey early = s.prekeys().consumeOne(device.id(), T0.plusSeconds(1)).orElseThrow();
        OneTimePrekey late = s.prekeys().consumeOne(device.id(), T0.plusSeconds(5)).orElseThrow();

        assertThat(s.expiredData().deletePrekeysConsumedBefore(T0.plusSeconds(1), 10)).isZero();
        assertThat(s.expiredData().deletePrekeysConsumedBefore(T0.plusSeconds(2), 10)).isEqualTo(1);

        assertThat(s.prekeys().countAvailable(device.id())).isEqualTo(1);
        assertThat(s.prekeys().knownKeyIds(device.id(), List.of(early.keyId(), late.keyId())))
                .containsExactly(late.keyId());
    }

    // ---------------------------------------------------------------- number sequence

    @Test
    void theNumberSequenceCountsUpWithAStableKey() {
        byte[] key = s.numberSequence().permutationKey();
        long first = s.numberSequence().takeNext();
        long second = s.numberSequence().takeNext();

        assertThat(first).isGreaterThanOrEqualTo(0);
        assertThat(second).isEqualTo(first + 1);
        assertThat(key).hasSizeGreaterThanOrEqualTo(16);
        assertThat(s.numberSequence().permutationKey()).isEqualTo(key);
        assertThat(new HashSet<>(Arrays.asList(key[0], key[1], key[2], key[3], key[4], key[5]))).hasSizeGreaterThan(1);
    }

    @Test
    void concurrentTakesNeverRepeatAValue() {
        var outcomes = Concurrently.run(16, () -> s.numberSequence().takeNext());

        assertThat(outcomes).allMatch(Concurrently.Outcome::succeeded);
        Set<Long> values = new HashSet<>();
        outcomes.forEach(o -> values.add(o.value()));
        assertThat(values).hasSize(16);
    }

    @Test
    void aValueTakenInARolledBackTransactionIsGivenBack() {
        long[] taken = new long[1];
        assertThatThrownBy(() -> s.transactions().run(() -> {
            taken[0] = s.numberSequence().takeNext();
            throw new IllegalStateException("registration failed");
        })).isInstanceOf(IllegalStateException.class);

        assertThat(s.numberSequence().takeNext()).isEqualTo(taken[0]);
    }

    // ---------------------------------------------------------------- fixtures

    private record Pair(User initiatorUser, Device initiator, User responderUser, Device responder) {
    }

    private record Conversation(Pair pair, DmSession session) {
    }

    private int nextIndex() {
        return 100_000 + sequence.incrementAndGet();
    }

    private DeviceId nextDeviceId() {
        return DeviceId.parse(String.format("%016x", 0xd000_0000_0000L + sequence.incrementAndGet()));
    }

    private String nextSessionId() {
        return String.format("%08x", 0x5000_0000 + sequence.incrementAndGet());
    }

    private User newUser(String username) {
        return s.users().insert(new User(null, ConvroNumber.ofIndex(nextIndex()),
                username == null ? null : Username.parse(username),
                username == null ? null : FullName.parse("Full " + username), "$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA",
                T0));
    }

    private Device newDevice(User owner, Instant createdAt) {
        Device device = Device.register(nextDeviceId(), owner.id(), Platform.ANDROID, DeviceLabel.parse("phone"), createdAt);
        s.devices().insert(device);
        return device;
    }

    private RefreshToken newToken(Device device) {
        String jti = String.format("%032x", 0xabc000L + sequence.incrementAndGet());
        RefreshToken token = new RefreshToken(jti, device.userId(), device.id(), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
                T0, T0.plusSeconds(86_400), null);
        s.refreshTokens().insert(token);
        return token;
    }

    private static byte[] bytes(int length, int seed) {
        byte[] out = new byte[length];
        for (int i = 0; i < length; i++) {
            out[i] = (byte) (seed * 31 + i);
        }
        return out;
    }

    private static KeyId keyId(int n) {
        return KeyId.parse(String.format("%016x", 0xcafe_0000_0000L + n));
    }

    private static SignedPrekey signedPrekey(int seed) {
        return new SignedPrekey(keyId(10_000 + seed), X25519PublicKey.of(bytes(32, seed)), Ed25519Signature.of(bytes(64, seed)));
    }

    private static List<OneTimePrekey> oneTimePrekeys(int from, int count) {
        return IntStream.range(from, from + count)
                .mapToObj(n -> new OneTimePrekey(keyId(n), X25519PublicKey.of(bytes(32, n)))).toList();
    }

    private void uploadKeys(Device device) {
        s.prekeys().saveIdentity(device.id(), new IdentityKey(Ed25519PublicKey.of(bytes(32, 7)), "fp"), T0);
        s.prekeys().saveSignedPrekey(device.id(), signedPrekey(7), T0);
        s.prekeys().addOneTimePrekeys(device.id(), oneTimePrekeys(0, 3), T0);
    }

    private Pair newPair() {
        User anna = newUser(null);
        User bob = newUser(null);
        return new Pair(anna, newDevice(anna, T0), bob, newDevice(bob, T0));
    }

    private DmSession newSession(Pair pair, String sessionId) {
        String offer = "{\"version\":1,\"sessionId\":\"" + sessionId + "\",\"extra\":\"kept verbatim ✓\"}";
        return s.sessions().insert(new DmSession(null, SessionId.parse(sessionId), pair.initiatorUser().id(),
                pair.initiator().id(), pair.responderUser().id(), pair.responder().id(), offer, SessionState.PENDING,
                T0, null));
    }

    private Conversation newConversation() {
        return activeSession(newPair());
    }

    /** An ACTIVE session between {@code hub}'s initiator device and a new user's device. */
    private Conversation conversationWith(Pair hub) {
        User peer = newUser(null);
        Pair pair = new Pair(hub.initiatorUser(), hub.initiator(), peer, newDevice(peer, T0));
        return activeSession(pair);
    }

    private Conversation activeSession(Pair pair) {
        DmSession session = newSession(pair, nextSessionId()).acceptBy(pair.responder().id(), T0);
        s.sessions().update(session);
        return new Conversation(pair, session);
    }

    /** Send in {@code c} from {@code from} (null: the initiator) to the other device. */
    private DmMessage send(Conversation c, Device from, String clientMessageId) {
        return s.messages().insert(compose(c, from, clientMessageId));
    }

    /** The send path's own store, waited for; a failure is thrown as it is. */
    private StoreMessageOutcome storeIfActive(DmMessage message) {
        try {
            return s.messages().storeIfSessionActive(message).toCompletableFuture().join();
        } catch (CompletionException failed) {
            throw failed.getCause() instanceof RuntimeException refusal ? refusal : failed;
        }
    }

    private static DmMessage storedMessage(StoreMessageOutcome outcome) {
        assertThat(outcome).isInstanceOf(StoreMessageOutcome.Stored.class);
        return ((StoreMessageOutcome.Stored) outcome).message();
    }

    /** A new message in {@code c} from {@code from} (null: the initiator) to the other device, not yet stored. */
    private DmMessage compose(Conversation c, Device from, String clientMessageId) {
        Device sender = from == null ? c.pair().initiator() : from;
        Device recipient = sender.equals(c.pair().initiator()) ? c.pair().responder() : c.pair().initiator();
        int n = sequence.incrementAndGet();
        return DmMessage.compose(c.session().id(), c.session().sessionId(), sender.userId(), sender.id(),
                recipient.id(), Ciphertext.of(bytes(40 + n % 7, n)), AuthTag.of(bytes(16, n)),
                clientMessageId == null ? null : ClientMessageId.parse(clientMessageId),
                new ClientTimestamp(T0.minusMillis(n)), T0.plusMillis(n));
    }

    private static List<MessageId> idsOf(List<DmMessage> messages) {
        return messages.stream().map(DmMessage::id).toList();
    }
}
