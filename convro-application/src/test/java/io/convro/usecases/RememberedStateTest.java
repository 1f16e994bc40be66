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
import io.convro.application.shared.Caller;
import io.convro.domain.ErrorCode;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
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
