package io.convro.adapter.inmemory.messages;

import static io.convro.adapter.inmemory.StoreFixture.newMessage;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.convro.adapter.inmemory.Concurrently;
import io.convro.adapter.inmemory.StoreFixture;
import io.convro.application.messages.DuplicateClientMessageIdException;
import io.convro.application.messages.HistoryCursor;
import io.convro.application.messages.SessionActivity;
import io.convro.domain.device.Device;
import io.convro.domain.message.ClientMessageId;
import io.convro.domain.message.DeliveryState;
import io.convro.domain.message.DmMessage;
import io.convro.domain.message.MessageId;
import io.convro.domain.message.ReceiptStatus;
import io.convro.domain.session.DmSession;
import io.convro.domain.session.SessionDbId;
import io.convro.domain.user.UserId;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class InMemoryMessagesTest {
    private final StoreFixture fixture = new StoreFixture();
    private final InMemoryMessages messages = fixture.stores.messages();
    private final Device alice = fixture.device(fixture.user());
    private final Device bob = fixture.device(fixture.user());
    private final Device carol = fixture.device(fixture.user());
    private final DmSession aliceBob = fixture.activeSession(alice, bob);
    private final DmSession carolBob = fixture.activeSession(carol, bob);

    @Test
    void idsGrowWithEachInsert() {
        DmMessage first = fixture.message(aliceBob, alice);
        DmMessage second = fixture.message(carolBob, bob);

        assertThat(first.id()).isEqualTo(MessageId.of(1));
        assertThat(second.id()).isEqualTo(MessageId.of(2));
        assertThat(messages.findById(second.id())).contains(second);
    }

    @Test
    void concurrentInsertsWithOneClientMessageIdStoreOneMessage() throws InterruptedException {
        List<Object> outcomes = Concurrently.run(20, () -> messages.insert(newMessage(aliceBob, alice, "c-1", fixture.clock.now())));

        assertThat(outcomes).filteredOn(DmMessage.class::isInstance).hasSize(1);
        assertThat(outcomes).filteredOn(DuplicateClientMessageIdException.class::isInstance).hasSize(19);
        assertThat(messages.page(aliceBob.id(), new HistoryCursor.Latest(), 50)).hasSize(1);
        assertThat(messages.findByClientMessageId(alice.id(), new ClientMessageId("c-1"), bob.id())).contains((DmMessage) outcomes.stream()
                .filter(DmMessage.class::isInstance).findFirst().orElseThrow());
    }

    @Test
    void aClientMessageIdIsUniquePerSenderDeviceOnly() {
        messages.insert(newMessage(aliceBob, alice, "same", fixture.clock.now()));
        DmMessage fromBob = messages.insert(newMessage(aliceBob, bob, "same", fixture.clock.now()));
        messages.insert(newMessage(aliceBob, alice, null, fixture.clock.now()));
        messages.insert(newMessage(aliceBob, alice, null, fixture.clock.now()));

        assertThat(messages.findByClientMessageId(bob.id(), new ClientMessageId("same"), alice.id())).contains(fromBob);
        assertThat(messages.page(aliceBob.id(), new HistoryCursor.Latest(), 50)).hasSize(4);
    }

    @Test
    void aMessageOutsideItsSessionsDevicesIsAForeignKeyViolation() {
        DmMessage fromStranger = newMessage(aliceBob, carol, null, fixture.clock.now());
        DmMessage toSelf = new DmMessage(null, aliceBob.id(), aliceBob.sessionId(), alice.userId(), alice.id(), alice.id(),
                fromStranger.ciphertext(), fromStranger.authTag(), null, null, fixture.clock.now(), DeliveryState.PENDING, null, null);
        DmMessage unknownSession = new DmMessage(null, new SessionDbId(99), aliceBob.sessionId(), alice.userId(), alice.id(),
                bob.id(), fromStranger.ciphertext(), fromStranger.authTag(), null, null, fixture.clock.now(), DeliveryState.PENDING, null, null);

        assertThatThrownBy(() -> messages.insert(fromStranger)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> messages.insert(toSelf)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> messages.insert(unknownSession)).isInstanceOf(IllegalStateException.class);
        DmMessage unknownUser = new DmMessage(null, aliceBob.id(), aliceBob.sessionId(), UserId.of(404), alice.id(),
                bob.id(), fromStranger.ciphertext(), fromStranger.authTag(), null, null, fixture.clock.now(), DeliveryState.PENDING, null, null);
        assertThatThrownBy(() -> messages.insert(unknownUser)).isInstanceOf(IllegalStateException.class);
        assertThat(messages.page(aliceBob.id(), new HistoryCursor.Latest(), 50)).isEmpty();
    }

    @Test
    void historyPagesBackwardsNewestFirstAndForwardsOldestFirst() {
        List<DmMessage> sent = IntStream.range(0, 7).mapToObj(i -> fixture.message(aliceBob, i % 2 == 0 ? alice : bob)).toList();
        fixture.message(carolBob, carol);

        assertThat(messages.page(aliceBob.id(), new HistoryCursor.Latest(), 3)).containsExactly(sent.get(6), sent.get(5), sent.get(4));
        assertThat(messages.page(aliceBob.id(), new HistoryCursor.Before(sent.get(4).id()), 3)).containsExactly(sent.get(3), sent.get(2), sent.get(1));
        assertThat(messages.page(aliceBob.id(), new HistoryCursor.Before(sent.get(1).id()), 3)).containsExactly(sent.get(0));
        assertThat(messages.page(aliceBob.id(), new HistoryCursor.After(sent.get(1).id()), 3)).containsExactly(sent.get(2), sent.get(3), sent.get(4));
        assertThat(messages.page(aliceBob.id(), new HistoryCursor.After(sent.get(6).id()), 3)).isEmpty();
        assertThat(messages.page(aliceBob.id(), new HistoryCursor.Latest(), 0)).isEmpty();
    }

    @Test
    void aCursorIdOfAnotherSessionStillBoundsThePage() {
        DmMessage first = fixture.message(aliceBob, alice);
        DmMessage elsewhere = fixture.message(carolBob, carol);
        DmMessage last = fixture.message(aliceBob, bob);

        assertThat(messages.page(aliceBob.id(), new HistoryCursor.After(elsewhere.id()), 10)).containsExactly(last);
        assertThat(messages.page(aliceBob.id(), new HistoryCursor.Before(elsewhere.id()), 10)).containsExactly(first);
    }

    @Test
    void aReceiptKeepsOneRowPerMessageAndDeviceAndMovesTheMessageState() {
        DmMessage message = fixture.message(aliceBob, alice);
        Instant delivered = fixture.clock.now();
        DmMessage afterDelivered = message.receiptBy(bob.id(), ReceiptStatus.DELIVERED, delivered);
        messages.saveReceipt(afterDelivered, bob.id(), ReceiptStatus.DELIVERED, delivered);
        Instant read = fixture.clock.advance(java.time.Duration.ofSeconds(2));
        DmMessage afterRead = afterDelivered.receiptBy(bob.id(), ReceiptStatus.READ, read);
        messages.saveReceipt(afterRead, bob.id(), ReceiptStatus.READ, read);

        assertThat(messages.receiptsOf(message.id())).containsExactly(new MessageReceipt(message.id(), bob.id(), ReceiptStatus.READ, read));
        assertThat(messages.findById(message.id())).contains(afterRead);
        assertThat(afterRead.deliveredAt()).isEqualTo(delivered);
    }

    @Test
    void aReceiptRowThatSaysReadStaysRead() {
        DmMessage message = fixture.message(aliceBob, alice);
        DmMessage read = message.receiptBy(bob.id(), ReceiptStatus.READ, fixture.clock.now());
        messages.saveReceipt(read, bob.id(), ReceiptStatus.READ, fixture.clock.now());

        messages.saveReceipt(read, bob.id(), ReceiptStatus.DELIVERED, fixture.clock.now());

        assertThat(messages.receipt(message.id(), bob.id())).map(MessageReceipt::status).contains(ReceiptStatus.READ);
        assertThat(messages.findById(message.id())).map(DmMessage::deliveryState).contains(DeliveryState.READ);
    }

    @Test
    void aReceiptFromAnyDeviceButTheRecipientIsAForeignKeyViolation() {
        DmMessage message = fixture.message(aliceBob, alice);

        assertThatThrownBy(() -> messages.saveReceipt(message, alice.id(), ReceiptStatus.READ, fixture.clock.now()))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> messages.saveReceipt(message, carol.id(), ReceiptStatus.READ, fixture.clock.now()))
                .isInstanceOf(IllegalStateException.class);
        assertThat(messages.receiptsOf(message.id())).isEmpty();
    }

    @Test
    void aReceiptOnlyWritesTheDeliveryColumnsOfTheMessage() {
        DmMessage message = fixture.message(aliceBob, alice);
        DmMessage read = message.receiptBy(bob.id(), ReceiptStatus.READ, fixture.clock.now());
        DmMessage tampered = new DmMessage(read.id(), carolBob.id(), carolBob.sessionId(), carol.userId(), carol.id(), bob.id(),
                read.ciphertext(), read.authTag(), new ClientMessageId("x"), null, Instant.EPOCH, read.deliveryState(),
                read.deliveredAt(), read.readAt());

        messages.saveReceipt(tampered, bob.id(), ReceiptStatus.READ, fixture.clock.now());

        assertThat(messages.findById(message.id())).contains(read);
    }

    @Test
    void recentSessionsNameTheNewestMessageOfEachSessionThatHasOne() {
        fixture.message(aliceBob, alice);
        DmMessage newestAliceBob = fixture.message(aliceBob, bob);
        DmMessage onlyCarolBob = fixture.message(carolBob, carol);
        DmSession empty = fixture.activeSession(bob, carol);

        assertThat(messages.recentSessions(bob.id(), null, 10)).extracting(SessionActivity::sessionDbId, SessionActivity::lastMessageId)
                .containsExactlyInAnyOrder(tuple(aliceBob.id(), newestAliceBob.id()), tuple(carolBob.id(), onlyCarolBob.id()),
                        tuple(empty.id(), null));
    }

    @Test
    void unreadCountsCountMessagesToTheRecipientNotYetRead() {
        DmMessage toBobRead = fixture.message(aliceBob, alice);
        DmMessage toBobDelivered = fixture.message(aliceBob, alice);
        fixture.message(aliceBob, alice);
        fixture.message(aliceBob, bob);
        fixture.message(carolBob, carol);
        DmMessage toBobFromCarolRead = fixture.message(carolBob, carol);
        receipt(toBobRead, ReceiptStatus.READ);
        receipt(toBobDelivered, ReceiptStatus.DELIVERED);
        receipt(toBobFromCarolRead, ReceiptStatus.READ);
        DmSession quiet = fixture.activeSession(bob, carol);

        assertThat(messages.unreadCounts(bob.id(), List.of(aliceBob.id(), carolBob.id(), quiet.id()), 100))
                .containsEntry(aliceBob.id(), 2)
                .containsEntry(carolBob.id(), 1)
                .doesNotContainEntry(quiet.id(), 1)
                .doesNotContainEntry(quiet.id(), 2);
        assertThat(messages.unreadCounts(alice.id(), List.of(aliceBob.id()), 100)).containsEntry(aliceBob.id(), 1);
        assertThat(messages.unreadCounts(bob.id(), List.of(aliceBob.id()), 1)).containsEntry(aliceBob.id(), 1);
        assertThat(messages.unreadCounts(bob.id(), List.of(carolBob.id()), 100)).containsOnlyKeys(carolBob.id());
    }

    private void receipt(DmMessage message, ReceiptStatus status) {
        DmMessage updated = message.receiptBy(message.recipientDeviceId(), status, fixture.clock.now());
        messages.saveReceipt(updated, message.recipientDeviceId(), status, fixture.clock.now());
    }
}
