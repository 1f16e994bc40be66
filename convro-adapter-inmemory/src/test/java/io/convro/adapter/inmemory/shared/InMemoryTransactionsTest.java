package io.convro.adapter.inmemory.shared;

import static io.convro.adapter.inmemory.StoreFixture.identity;
import static io.convro.adapter.inmemory.StoreFixture.newUser;
import static io.convro.adapter.inmemory.StoreFixture.oneTimePrekey;
import static io.convro.adapter.inmemory.StoreFixture.signedPrekey;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.convro.adapter.inmemory.Concurrently;
import io.convro.adapter.inmemory.InMemoryDatabase;
import io.convro.adapter.inmemory.InMemoryStores;
import io.convro.adapter.inmemory.StoreFixture;
import io.convro.application.auth.RefreshToken;
import io.convro.application.messages.HistoryCursor;
import io.convro.domain.DomainException;
import io.convro.domain.device.Device;
import io.convro.domain.message.DmMessage;
import io.convro.domain.message.ReceiptStatus;
import io.convro.domain.session.DmSession;
import io.convro.domain.session.SessionState;
import io.convro.domain.user.User;
import io.convro.domain.user.Username;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class InMemoryTransactionsTest {
    private final StoreFixture fixture = new StoreFixture();
    private final InMemoryStores stores = fixture.stores;

    @Test
    void aThrownExceptionRollsBackEveryTable() {
        User alice = fixture.user();
        Device phone = fixture.device(alice);
        User bob = fixture.user();
        Device laptop = fixture.device(bob);
        stores.prekeys().addOneTimePrekeys(laptop.id(), List.of(oneTimePrekey(1)), fixture.clock.now());
        DmSession session = fixture.activeSession(phone, laptop);
        DmMessage kept = fixture.message(session, phone);
        long counterBefore = stores.numberSequence().takeNext();
        RuntimeException failure = new IllegalArgumentException("boom");

        assertThatThrownBy(() -> stores.transactions().run(() -> {
            User carol = stores.users().insert(newUser("carol", 500));
            Device tablet = fixture.device(carol);
            stores.refreshTokens().insert(new RefreshToken("abcdef01", carol.id(), tablet.id(), "ab".repeat(32),
                    fixture.clock.now(), fixture.clock.now().plus(Duration.ofDays(1)), null));
            stores.devices().update(phone.removed());
            stores.prekeys().saveIdentity(laptop.id(), identity(1), fixture.clock.now());
            stores.prekeys().saveSignedPrekey(laptop.id(), signedPrekey(1), fixture.clock.now());
            stores.prekeys().consumeOne(laptop.id(), fixture.clock.now());
            stores.sessions().closeAllOf(phone.id());
            fixture.message(session, laptop);
            stores.messages().saveReceipt(kept.receiptBy(laptop.id(), ReceiptStatus.READ, fixture.clock.now()),
                    laptop.id(), ReceiptStatus.READ, fixture.clock.now());
            stores.numberSequence().takeNext();
            throw failure;
        })).isSameAs(failure);

        assertThat(stores.users().findByUsername(Username.parse("carol"))).isEmpty();
        assertThat(stores.refreshTokens().findByJti("abcdef01")).isEmpty();
        assertThat(stores.devices().findById(phone.id())).contains(phone);
        assertThat(stores.prekeys().findIdentity(laptop.id())).isEmpty();
        assertThat(stores.prekeys().findSignedPrekey(laptop.id())).isEmpty();
        assertThat(stores.prekeys().countAvailable(laptop.id())).isEqualTo(1);
        assertThat(stores.sessions().findById(session.id())).map(DmSession::state).contains(SessionState.ACTIVE);
        assertThat(stores.messages().page(session.id(), new HistoryCursor.Latest(), 10)).containsExactly(kept);
        assertThat(stores.messages().receipt(kept.id(), laptop.id())).isEmpty();
        assertThat(stores.numberSequence().takeNext()).isEqualTo(counterBefore + 1);
    }

    @Test
    void committedWorkIsKeptAndItsResultReturned() {
        User stored = stores.transactions().inTransaction(() -> stores.users().insert(newUser("dora", 7)));

        assertThat(stores.users().findById(stored.id())).contains(stored);
    }

    @Test
    void aNestedCallJoinsTheOuterTransaction() {
        RuntimeException failure = new IllegalStateException("outer fails after inner succeeded");

        assertThatThrownBy(() -> stores.transactions().run(() -> {
            stores.transactions().run(() -> stores.users().insert(newUser("inner", 1)));
            throw failure;
        })).isSameAs(failure);

        assertThat(stores.users().findByUsername(Username.parse("inner"))).isEmpty();
    }

    @Test
    void aFailedStatementInsideATransactionLeavesTheTransactionsEarlierWritesAlone() {
        stores.transactions().run(() -> {
            stores.users().insert(newUser("first", 1));
            assertThatThrownBy(() -> stores.users().insert(newUser("FIRST", 2))).isInstanceOf(DomainException.class);
            stores.users().insert(newUser("second", 3));
        });

        assertThat(stores.users().findByUsername(Username.parse("first"))).isPresent();
        assertThat(stores.users().findByUsername(Username.parse("second"))).isPresent();
    }

    @Test
    void transactionsAreSerializableSoReadThenWriteNeverInterleaves() throws InterruptedException {
        // each transaction reads the counter, then writes a user whose number depends on it: any
        // interleaving would make two of them pick the same number
        List<Object> outcomes = Concurrently.run(20, () -> stores.transactions().inTransaction(() -> {
            long next = stores.numberSequence().takeNext();
            Thread.yield();
            return stores.users().insert(newUser(null, (int) next));
        }));

        assertThat(outcomes).allMatch(User.class::isInstance).hasSize(20);
        assertThat(stores.numberSequence().takeNext()).isEqualTo(20);
    }

    @Test
    void aTableTouchedWithoutTheDatabaseLockRefuses() {
        InMemoryDatabase database = new InMemoryDatabase();
        var table = database.<String, String>newTable("t");

        assertThatThrownBy(() -> table.find("x")).isInstanceOf(IllegalStateException.class);
        database.execute(() -> table.insert("x", "y"));
        assertThat(database.statement(() -> table.find("x"))).contains("y");
    }
}
