package io.convro.usecases;

import static org.assertj.core.api.Assertions.assertThat;

import io.convro.application.auth.AuthSession;
import io.convro.application.messages.Conversation;
import io.convro.application.messages.ConversationCursor;
import io.convro.application.messages.ConversationsPage;
import io.convro.application.messages.ConversationsQuery;
import io.convro.application.messages.HistoryCursor;
import io.convro.application.messages.HistoryPage;
import io.convro.application.messages.HistoryQuery;
import io.convro.application.messages.ReceiptCommand;
import io.convro.application.prekeys.PrekeyBundle;
import io.convro.application.realtime.RealtimeEvent;
import io.convro.application.sessions.AcceptSessionCommand;
import io.convro.application.sessions.AcceptedSession;
import io.convro.application.sessions.IncomingSessionsPage;
import io.convro.application.sessions.IncomingSessionsQuery;
import io.convro.application.sessions.OpenSessionCommand;
import io.convro.application.sessions.OpenedSession;
import io.convro.application.shared.Caller;
import io.convro.application.users.ResolveUserQuery;
import io.convro.application.users.UserProfile;
import io.convro.domain.message.DeliveryState;
import io.convro.domain.message.ReceiptStatus;
import io.convro.domain.session.HandshakeOffer;
import io.convro.domain.session.SessionRole;
import io.convro.domain.session.SessionState;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The whole DM flow of API.md, in its order, through the use cases. */
class DmFlowTest {
    private final TestConvro convro = new TestConvro();

    @Test
    void twoUsersFindEachOtherOpenASessionExchangeAMessageAndSeeReceipts() {
        AuthSession aliceSession = convro.register("alice");
        AuthSession bobSession = convro.register("Bob");
        Caller alice = convro.caller(aliceSession);
        Caller bob = convro.caller(bobSession);
        assertThat(aliceSession.convroNumber()).isNotEqualTo(bobSession.convroNumber());

        assertThat(convro.uploadPrekeys(bob, 12)).isEqualTo(12);

        UserProfile found = convro.app.resolveUser().resolve(alice, new ResolveUserQuery.ByConvroNumber(bobSession.convroNumber()));
        assertThat(found.userId()).isEqualTo(bob.userId());
        assertThat(found.username().value()).isEqualTo("Bob");

        PrekeyBundle bundle = convro.bundle(alice, found.userId());
        assertThat(bundle.responderDeviceId()).isEqualTo(bob.deviceId());
        assertThat(bundle.oneTimePrekey()).isNotNull();

        String sessionId = TestConvro.randomSessionId();
        String offerJson = "{\"version\":1,\"sessionId\":\"" + sessionId + "\",\"ratchetHint\":42}";
        HandshakeOffer offer = HandshakeOffer.parse(TestConvro.offerFields(alice.deviceId(), bundle.responderDeviceId(), sessionId), offerJson);
        OpenedSession opened = convro.app.openSession().open(new OpenSessionCommand(alice, found.userId(), offer));
        assertThat(opened.state()).isEqualTo(SessionState.PENDING);

        IncomingSessionsPage incoming = convro.app.incomingSessions().incoming(IncomingSessionsQuery.first(bob));
        assertThat(incoming.hasMore()).isFalse();
        assertThat(incoming.sessions()).singleElement().satisfies(session -> {
            assertThat(session.sessionDbId()).isEqualTo(opened.sessionDbId());
            assertThat(session.handshakeOfferJson()).isEqualTo(offerJson);
            assertThat(session.initiatorConvroNumber()).isEqualTo(alice.convroNumber());
            assertThat(session.initiatorUsername().value()).isEqualTo("alice");
        });
        assertThat(convro.realtime.eventsFor(bob.deviceId(), RealtimeEvent.SessionIncoming.class)).hasSize(1);

        AcceptedSession accepted = convro.app.acceptSession().accept(new AcceptSessionCommand(bob, opened.sessionDbId()));
        assertThat(accepted.state()).isEqualTo(SessionState.ACTIVE);
        assertThat(convro.realtime.eventsFor(alice.deviceId(), RealtimeEvent.SessionAccepted.class)).hasSize(1);
        assertThat(convro.app.incomingSessions().incoming(IncomingSessionsQuery.first(bob)).sessions()).isEmpty();

        byte[] ciphertext = "sealed box".getBytes(StandardCharsets.UTF_8);
        var sent = convro.send(alice, bob, opened.sessionId(), "c-1", ciphertext);
        assertThat(sent.created()).isTrue();
        assertThat(sent.deliveryState()).isEqualTo(DeliveryState.PENDING);
        assertThat(convro.realtime.eventsFor(bob.deviceId(), RealtimeEvent.MessageReceived.class))
                .singleElement().satisfies(event -> assertThat(event.message().id()).isEqualTo(sent.messageId()));

        HistoryPage history = convro.app.history().history(new HistoryQuery(bob, opened.sessionId(), new HistoryCursor.Latest(), 50));
        assertThat(history.hasMore()).isFalse();
        assertThat(history.messages()).singleElement().satisfies(message -> {
            assertThat(message.ciphertext().bytes()).isEqualTo(ciphertext);
            assertThat(message.senderDeviceId()).isEqualTo(alice.deviceId());
        });

        convro.app.receipts().setReceipts(new ReceiptCommand(bob, List.of(sent.messageId()), ReceiptStatus.DELIVERED));
        assertThat(convro.app.conversations().conversations(ConversationsQuery.first(bob)).conversations()).singleElement()
                .satisfies(conversation -> assertThat(conversation.unreadCount()).isEqualTo(1));
        convro.app.receipts().setReceipts(new ReceiptCommand(bob, List.of(sent.messageId()), ReceiptStatus.READ));
        assertThat(convro.realtime.eventsFor(alice.deviceId(), RealtimeEvent.ReceiptUpdated.class))
                .extracting(RealtimeEvent.ReceiptUpdated::status).containsExactly(ReceiptStatus.DELIVERED, ReceiptStatus.READ);

        Conversation bobsView = convro.app.conversations().conversations(ConversationsQuery.first(bob)).conversations().get(0);
        assertThat(bobsView.role()).isEqualTo(SessionRole.RESPONDER);
        assertThat(bobsView.peerUserId()).isEqualTo(alice.userId());
        assertThat(bobsView.peerConvroNumber()).isEqualTo(alice.convroNumber());
        assertThat(bobsView.unreadCount()).isZero();
        assertThat(bobsView.lastMessage().deliveryState()).isEqualTo(DeliveryState.READ);
        Conversation alicesView = convro.app.conversations().conversations(ConversationsQuery.first(alice)).conversations().get(0);
        assertThat(alicesView.role()).isEqualTo(SessionRole.INITIATOR);
        assertThat(alicesView.peerDeviceId()).isEqualTo(bob.deviceId());
    }

    @Test
    void conversationsAreOrderedByMostRecentActivity() {
        Caller alice = convro.caller(convro.register("alice"));
        Caller bob = convro.caller(convro.register("bob"));
        Caller carol = convro.caller(convro.register("carol"));
        OpenedSession withBob = convro.activeSession(alice, bob);
        convro.clock.advance(java.time.Duration.ofSeconds(1));
        OpenedSession withCarol = convro.activeSession(alice, carol);
        convro.clock.advance(java.time.Duration.ofSeconds(1));
        convro.send(bob, alice, withBob.sessionId());

        assertThat(convro.app.conversations().conversations(ConversationsQuery.first(alice)).conversations())
                .extracting(Conversation::sessionDbId).containsExactly(withBob.sessionDbId(), withCarol.sessionDbId());
        assertThat(convro.app.conversations().conversations(ConversationsQuery.first(alice)).conversations().get(0).unreadCount()).isEqualTo(1);
    }

    @Test
    void conversationsComeAPageAtATimeAndTheCursorContinuesWhereThePageEnded() {
        Caller alice = convro.caller(convro.register("alice"));
        List<OpenedSession> sessions = new java.util.ArrayList<>();
        for (String peer : List.of("bob", "carol", "dave", "erin", "frank")) {
            sessions.add(convro.activeSession(alice, convro.caller(convro.register(peer))));
            convro.clock.advance(java.time.Duration.ofSeconds(1));
        }

        ConversationsPage first = convro.app.conversations().conversations(new ConversationsQuery(alice, null, 2));
        assertThat(first.conversations()).extracting(Conversation::sessionDbId)
                .containsExactly(sessions.get(4).sessionDbId(), sessions.get(3).sessionDbId());
        assertThat(first.hasMore()).isTrue();
        ConversationsPage second = convro.app.conversations().conversations(new ConversationsQuery(alice, first.next(), 2));
        assertThat(second.conversations()).extracting(Conversation::sessionDbId)
                .containsExactly(sessions.get(2).sessionDbId(), sessions.get(1).sessionDbId());
        ConversationsPage last = convro.app.conversations().conversations(new ConversationsQuery(alice, second.next(), 2));
        assertThat(last.conversations()).extracting(Conversation::sessionDbId).containsExactly(sessions.get(0).sessionDbId());
        assertThat(last.hasMore()).isFalse();
        assertThat(last.next()).isNull();
        assertThat(ConversationCursor.parse(first.next().text())).isEqualTo(first.next());
    }

    @Test
    void unreadCountsStopAtTheCap() {
        Caller alice = convro.caller(convro.register("alice"));
        Caller bob = convro.caller(convro.register("bob"));
        OpenedSession session = convro.activeSession(alice, bob);
        for (int i = 0; i <= Conversation.UNREAD_COUNT_CAP; i++) {
            convro.send(alice, bob, session.sessionId());
        }

        assertThat(convro.app.conversations().conversations(ConversationsQuery.first(bob)).conversations().get(0).unreadCount())
                .isEqualTo(Conversation.UNREAD_COUNT_CAP);
    }
}
