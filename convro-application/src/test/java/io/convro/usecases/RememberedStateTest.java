package io.convro.usecases;

import static io.convro.usecases.Rejections.expect;
import static org.assertj.core.api.Assertions.assertThat;

import io.convro.application.ConvroApplication;
import io.convro.application.auth.AuthSession;
import io.convro.application.auth.DeviceStandings;
import io.convro.application.auth.LogOutCommand;
import io.convro.application.auth.LogoutScope;
import io.convro.application.messages.HistoryCursor;
import io.convro.application.messages.HistoryQuery;
import io.convro.application.messages.Messages;
import io.convro.application.messages.SentMessage;
import io.convro.application.realtime.RealtimeEvent;
import io.convro.application.sessions.AcceptSessionCommand;
import io.convro.application.sessions.OpenedSession;
import io.convro.application.shared.BoundedWork;
import io.convro.application.shared.Caller;
import io.convro.domain.ErrorCode;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * What a node remembers to spare the store (a device's standing for token checks, a session's devices for
 * sends) never outlives the truth: revocations hold at once on the node that hears of them and within a second
 * on every node, and a session's remembered state never refuses or admits a send the store would not.
 */
class RememberedStateTest {
    private final TestConvro convro = new TestConvro();

    @Test
    void aLogoutOnAnotherNodeHoldsHereWithinASecondEvenUnheard() {
        AuthSession alice = convro.register("alice");
        Caller caller = convro.caller(alice); // this node now remembers alice's device
        ConvroApplication other = convro.anotherNode();

        other.logOut().logOut(new LogOutCommand(caller, LogoutScope.DEVICE, null));

        // this node has not heard of it: what it remembers lets the token through, for less than a second
        convro.clock.advance(DeviceStandings.MAX_AGE.minusMillis(1));
        assertThat(convro.app.authenticateToken().authenticate(alice.accessToken())).isEqualTo(caller);
        convro.clock.advance(Duration.ofMillis(1));
        expect(ErrorCode.TOKEN_REVOKED, () -> convro.caller(alice));
        expect(ErrorCode.TOKEN_REVOKED, () -> other.authenticateToken().authenticate(alice.accessToken()));
    }

    @Test
    void authenticatingWithoutWaitingAdmitsOnlyWhatTheNodeRemembersAsStanding() {
        AuthSession frank = convro.register("frank");
        ConvroApplication other = convro.anotherNode();

        // never read on the other node: only the waiting way can tell
        assertThat(other.authenticateToken().authenticateWithoutWaiting(frank.accessToken())).isEmpty();
        Caller caller = other.authenticateToken().authenticate(frank.accessToken());
        assertThat(other.authenticateToken().authenticateWithoutWaiting(frank.accessToken())).contains(caller);

        convro.clock.advance(DeviceStandings.MAX_AGE);
        assertThat(other.authenticateToken().authenticateWithoutWaiting(frank.accessToken())).isEmpty();

        other.authenticateToken().authenticate(frank.accessToken());
        convro.app.logOut().logOut(new LogOutCommand(caller, LogoutScope.DEVICE, null));
        other.forgetRevokedDevice().forget(caller.deviceId());
        assertThat(other.authenticateToken().authenticateWithoutWaiting(frank.accessToken())).isEmpty();
        expect(ErrorCode.TOKEN_REVOKED, () -> other.authenticateToken().authenticate(frank.accessToken()));
    }

    @Test
    void authenticatingWithoutWaitingRefusesABadTokenAsTheWaitingWayDoes() {
        expect(ErrorCode.UNAUTHORIZED, () -> convro.app.authenticateToken().authenticateWithoutWaiting("not-a-token"));
    }

    @Test
    void theRequestsOfOneDeviceThatMustWaitShareOneReadOfIt() throws Exception {
        AuthSession grace = convro.register("grace");
        AuthSession heidi = convro.register("heidi");
        ConvroApplication other = convro.anotherNode(); // has read neither device
        BoundedWork blocking = new BoundedWork("test-token-check", 1, 8, Duration.ofSeconds(30));
        CountDownLatch release = new CountDownLatch(1);
        blocking.supply(() -> await(release)); // holds the one thread: every read waits in the queue

        List<CompletableFuture<Caller>> graces = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            graces.add(other.authenticateToken().authenticateSoon(grace.accessToken(), blocking).toCompletableFuture());
        }
        CompletableFuture<Caller> heidis = other.authenticateToken().authenticateSoon(heidi.accessToken(), blocking)
                .toCompletableFuture();

        // one read for grace's twenty requests, one for heidi's: a queue of 8 holds them all
        assertThat(blocking.inFlight()).isEqualTo(3);
        release.countDown();
        Caller caller = convro.caller(grace);
        for (CompletableFuture<Caller> each : graces) {
            assertThat(each.get(10, TimeUnit.SECONDS)).isEqualTo(caller);
        }
        assertThat(heidis.get(10, TimeUnit.SECONDS)).isEqualTo(convro.caller(heidi));
        // read now: the next request is answered without the queue
        assertThat(other.authenticateToken().authenticateSoon(grace.accessToken(), blocking).toCompletableFuture())
                .isCompletedWithValue(caller);
    }

    @Test
    void aSharedReadStillRefusesARevokedTokenAndABadOneNeverQueues() throws Exception {
        AuthSession ivan = convro.register("ivan");
        Caller caller = convro.caller(ivan);
        ConvroApplication other = convro.anotherNode();
        convro.app.logOut().logOut(new LogOutCommand(caller, LogoutScope.DEVICE, null));
        BoundedWork blocking = new BoundedWork("test-token-check", 1, 8, Duration.ofSeconds(30));

        CompletableFuture<Caller> revoked = other.authenticateToken().authenticateSoon(ivan.accessToken(), blocking)
                .toCompletableFuture();
        CompletableFuture<Caller> bad = other.authenticateToken().authenticateSoon("not-a-token", blocking)
                .toCompletableFuture();

        assertThat(bad).isCompletedExceptionally();
        expect(ErrorCode.UNAUTHORIZED, () -> join(bad));
        expect(ErrorCode.TOKEN_REVOKED, () -> join(revoked));
    }

    private static Caller join(CompletableFuture<Caller> stage) {
        try {
            return stage.get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Boolean await(CountDownLatch latch) {
        try {
            return latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Test
    void aRevocationHeardFromAnotherNodeHoldsAtOnce() {
        AuthSession bob = convro.register("bob");
        Caller caller = convro.caller(bob);
        ConvroApplication other = convro.anotherNode();

        other.logOut().logOut(new LogOutCommand(caller, LogoutScope.DEVICE, null));
        convro.app.forgetRevokedDevice().forget(caller.deviceId());

        expect(ErrorCode.TOKEN_REVOKED, () -> convro.caller(bob));
    }

    @Test
    void aDeviceLoggedInAgainIsAdmittedAtOnceThoughItWasRememberedRevoked() {
        AuthSession carol = convro.register("carol");
        Caller caller = convro.caller(carol);
        convro.app.logOut().logOut(new LogOutCommand(caller, LogoutScope.DEVICE, null));
        expect(ErrorCode.TOKEN_REVOKED, () -> convro.caller(carol)); // remembered: revoked

        AuthSession again = convro.logIn("carol", caller.deviceId());

        assertThat(convro.caller(again).deviceId()).isEqualTo(caller.deviceId());
    }

    @Test
    void aKnownSessionThatWasClosedSinceRefusesSends() {
        Caller alice = convro.caller(convro.register("dave"));
        AuthSession erin = convro.register("erin");
        Caller erinCaller = convro.caller(erin);
        OpenedSession session = convro.activeSession(alice, erinCaller);
        convro.send(alice, erinCaller, session.sessionId()); // this node now knows the session

        convro.app.removeDevice().removeDevice(erinCaller, erinCaller.deviceId());

        expect(ErrorCode.SESSION_NOT_ACTIVE, () -> convro.send(alice, erinCaller, session.sessionId()));
        assertThat(convro.app.history().history(new HistoryQuery(alice, session.sessionId(), new HistoryCursor.Latest(), 10))
                .messages()).hasSize(1);
    }

    @Test
    void aSessionThisNodeReadWhilePendingTakesSendsOnceAccepted() {
        Caller alice = convro.caller(convro.register("frank"));
        Caller bob = convro.caller(convro.register("grace"));
        OpenedSession session = convro.open(alice, bob);
        expect(ErrorCode.SESSION_NOT_ACTIVE, () -> convro.send(alice, bob, session.sessionId())); // read while PENDING

        convro.app.acceptSession().accept(new AcceptSessionCommand(bob, session.sessionDbId()));

        assertThat(convro.send(alice, bob, session.sessionId()).created()).isTrue();
    }

    @Test
    void aRetryIntoAKnownSessionClosedSinceAnswersItsOriginalAndANewSendIsRefused() {
        Caller alice = convro.caller(convro.register("heidi"));
        Caller bob = convro.caller(convro.register("ivan"));
        OpenedSession session = convro.activeSession(alice, bob);
        SentMessage original = convro.send(alice, bob, session.sessionId(), "m-1", new byte[] {1});
        convro.app.removeDevice().removeDevice(bob, bob.deviceId());
        convro.realtime.clear();

        SentMessage retried = convro.send(alice, bob, session.sessionId(), "m-1", new byte[] {1});

        assertThat(retried.messageId()).isEqualTo(original.messageId());
        assertThat(retried.created()).isFalse();
        expect(ErrorCode.SESSION_NOT_ACTIVE, () -> convro.send(alice, bob, session.sessionId(), "m-2", new byte[] {2}));
        assertThat(convro.realtime.eventsFor(bob.deviceId(), RealtimeEvent.MessageReceived.class)).isEmpty();
    }

    @Test
    void aSessionTheStoreFoundClosedIsRememberedClosedAndRefusesWithoutAskingTheStoreAgain() {
        AtomicInteger storeCalls = new AtomicInteger();
        TestConvro counted = new TestConvro(real -> (Messages) Proxy.newProxyInstance(Messages.class.getClassLoader(),
                new Class<?>[] {Messages.class}, (proxy, method, args) -> {
                    if (method.getName().equals("storeIfSessionActive")) {
                        storeCalls.incrementAndGet();
                    }
                    try {
                        return method.invoke(real, args);
                    } catch (InvocationTargetException failed) {
                        throw failed.getCause();
                    }
                }), null);
        Caller alice = counted.caller(counted.register("judy"));
        Caller bob = counted.caller(counted.register("karl"));
        OpenedSession session = counted.activeSession(alice, bob);
        counted.send(alice, bob, session.sessionId()); // this node now knows the session, ACTIVE
        counted.app.removeDevice().removeDevice(bob, bob.deviceId());
        expect(ErrorCode.SESSION_NOT_ACTIVE, () -> counted.send(alice, bob, session.sessionId()));
        int asked = storeCalls.get();

        expect(ErrorCode.SESSION_NOT_ACTIVE, () -> counted.send(alice, bob, session.sessionId()));

        assertThat(storeCalls.get()).as("the closed session decided alone").isEqualTo(asked);
    }
}
