package io.convro.adapter.inmemory.sessions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.convro.adapter.inmemory.StoreFixture;
import io.convro.domain.DomainException;
import io.convro.domain.ErrorCode;
import io.convro.domain.device.Device;
import io.convro.domain.device.DeviceId;
import io.convro.domain.session.DmSession;
import io.convro.domain.session.SessionDbId;
import io.convro.domain.session.SessionState;
import io.convro.domain.user.UserId;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class InMemorySessionsTest {
    private final StoreFixture fixture = new StoreFixture();
    private final InMemorySessions sessions = fixture.stores.sessions();
    private final Device alice = fixture.device(fixture.user());
    private final Device bob = fixture.device(fixture.user());
    private final Device carol = fixture.device(fixture.user());

    @Test
    void idsComeFromASequenceAndBothLookUpsFindTheSession() {
        DmSession first = sessions.insert(fixture.newSession(alice, bob));
        DmSession second = sessions.insert(fixture.newSession(bob, carol));

        assertThat(first.id()).isEqualTo(new SessionDbId(1));
        assertThat(second.id()).isEqualTo(new SessionDbId(2));
        assertThat(sessions.findById(second.id())).contains(second);
        assertThat(sessions.findBySessionId(first.sessionId())).contains(first);
    }

    @Test
    void aSessionIdIsUniqueAcrossTheServer() {
        DmSession stored = sessions.insert(fixture.newSession(alice, bob));
        DmSession twin = fixture.newSession(carol, bob);
        DmSession sameId = new DmSession(null, stored.sessionId(), twin.initiatorUserId(), twin.initiatorDeviceId(),
                twin.responderUserId(), twin.responderDeviceId(), "{}", SessionState.PENDING, twin.createdAt(), null);

        assertThatThrownBy(() -> sessions.insert(sameId))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.SESSION_ID_EXISTS));
        assertThat(sessions.listOf(carol.id())).isEmpty();
    }

    @Test
    void aSessionWithAnUnknownDeviceIsAForeignKeyViolation() {
        DmSession valid = fixture.newSession(alice, bob);
        DmSession toGhost = new DmSession(null, valid.sessionId(), valid.initiatorUserId(), valid.initiatorDeviceId(),
                valid.responderUserId(), new DeviceId("00000000000000ff"), "{}", SessionState.PENDING, valid.createdAt(), null);

        assertThatThrownBy(() -> sessions.insert(toGhost)).isInstanceOf(IllegalStateException.class);
        assertThat(sessions.findBySessionId(valid.sessionId())).isEmpty();
    }

    @Test
    void aSessionOfOneDeviceWithItselfOrOfAnUnknownUserIsRefused() {
        DmSession valid = fixture.newSession(alice, bob);
        DmSession withItself = new DmSession(null, valid.sessionId(), valid.initiatorUserId(), alice.id(),
                valid.initiatorUserId(), alice.id(), "{}", SessionState.PENDING, valid.createdAt(), null);
        DmSession unknownUser = new DmSession(null, valid.sessionId(), UserId.of(404), alice.id(),
                valid.responderUserId(), bob.id(), "{}", SessionState.PENDING, valid.createdAt(), null);

        assertThatThrownBy(() -> sessions.insert(withItself)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> sessions.insert(unknownUser)).isInstanceOf(IllegalStateException.class);
        assertThat(sessions.listOf(alice.id())).isEmpty();
    }

    @Test
    void sessionsOfADeviceComeOldestFirst() {
        fixture.clock.advance(Duration.ofSeconds(5));
        DmSession newer = sessions.insert(fixture.newSession(alice, bob));
        fixture.clock.advance(Duration.ofSeconds(-5));
        DmSession older = sessions.insert(fixture.newSession(carol, alice));
        DmSession olderToo = sessions.insert(fixture.newSession(alice, carol));

        assertThat(sessions.listOf(alice.id())).containsExactly(older, olderToo, newer);
    }

    @Test
    void pendingSessionsOfTheResponderComeInTheOrderTheyWereOpened() {
        DmSession first = sessions.insert(fixture.newSession(alice, bob));
        DmSession second = sessions.insert(fixture.newSession(carol, bob));
        fixture.activeSession(carol, bob);
        sessions.insert(fixture.newSession(bob, alice));

        assertThat(sessions.listPendingFor(bob.id(), 0, 10)).containsExactly(first, second);
        assertThat(sessions.listPendingFor(bob.id(), first.id().value(), 10)).containsExactly(second);
    }

    @Test
    void updateWritesStateAndAcceptanceTimeOnly() {
        DmSession pending = sessions.insert(fixture.newSession(alice, bob));
        DmSession accepted = pending.acceptBy(bob.id(), fixture.clock.advance(Duration.ofMinutes(1)));

        sessions.update(accepted);

        assertThat(sessions.findById(pending.id())).contains(accepted);
        assertThat(sessions.listPendingFor(bob.id(), 0, 10)).isEmpty();
    }

    @Test
    void closeAllOfClosesEverySessionOfTheDeviceNotYetClosed() {
        DmSession asInitiator = fixture.activeSession(alice, bob);
        DmSession asResponder = sessions.insert(fixture.newSession(carol, alice));
        DmSession alreadyClosed = fixture.activeSession(bob, alice).closed();
        sessions.update(alreadyClosed);
        DmSession notHers = fixture.activeSession(bob, carol);

        assertThat(sessions.closeAllOf(alice.id())).isEqualTo(2);

        assertThat(sessions.listOf(alice.id())).extracting(DmSession::id)
                .containsExactly(asInitiator.id(), asResponder.id(), alreadyClosed.id());
        assertThat(sessions.listOf(alice.id())).extracting(DmSession::state).containsOnly(SessionState.CLOSED);
        assertThat(sessions.findById(notHers.id())).map(DmSession::state).contains(SessionState.ACTIVE);
    }
}
