package io.convro.adapter.persistence.messages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.convro.adapter.persistence.Database;
import io.convro.adapter.persistence.H2MemoryDatabase;
import io.convro.adapter.persistence.Handles;
import io.convro.adapter.persistence.SeededSession;
import io.convro.adapter.persistence.TestHandles;
import io.convro.application.messages.StoreMessageOutcome;
import io.convro.domain.DomainException;
import io.convro.domain.ErrorCode;
import io.convro.domain.message.AuthTag;
import io.convro.domain.message.Ciphertext;
import io.convro.domain.message.ClientMessageId;
import io.convro.domain.message.DmMessage;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The send path's writer never queues without a bound: messages and ciphertext bytes waiting to be written, and
 * written batches waiting for the completer. The database is a migrated H2 whose connections are handed out only
 * when the test opens the gate (or refused, like a database that cannot be reached).
 */
class MessageWriterBoundsTest {
    private static final Duration PATIENCE = Duration.ofSeconds(15);
    private final CountDownLatch gate = new CountDownLatch(1);
    private final AtomicBoolean unreachable = new AtomicBoolean();
    private final AtomicInteger connectionsAsked = new AtomicInteger();
    private Database database;
    private SeededSession session;
    private MessageWriter writer;
    private int sequence;

    @BeforeEach
    void seed() {
        database = H2MemoryDatabase.migrated("writer_bounds", 4);
        session = SeededSession.create(database.repositories(), 1);
    }

    @AfterEach
    void close() {
        gate.countDown();
        if (writer != null) {
            writer.close();
        }
        database.close();
    }

    @Test
    void aWriteBeyondTheMessageBoundIsRefusedServiceUnavailableAtOnce() {
        writer = new MessageWriter(gatedHandles(), 1, new MessageWriter.Bounds(3, 1 << 20, 64));
        CompletableFuture<StoreMessageOutcome> first = write(16);
        await().atMost(PATIENCE).until(() -> connectionsAsked.get() == 1 && writer.waiting() == 0);
        CompletableFuture<?> second = write(16);
        CompletableFuture<?> third = write(16);
        CompletableFuture<StoreMessageOutcome> fourth = write(16);

        CompletableFuture<?> beyond = write(16);

        assertThat(beyond).isCompletedExceptionally();
        assertRefusedUnavailable(beyond);
        assertThat(second).isNotDone();
        gate.countDown();
        await().atMost(PATIENCE).until(() -> first.isDone() && second.isDone() && third.isDone() && fourth.isDone());
        assertThat(first.join()).isInstanceOf(StoreMessageOutcome.Stored.class);
        assertThat(fourth.join()).isInstanceOf(StoreMessageOutcome.Stored.class);
        assertThat(write(16).join()).as("room again once written").isInstanceOf(StoreMessageOutcome.Stored.class);
    }

    @Test
    void aWriteBeyondTheCiphertextBoundIsRefusedServiceUnavailableAtOnce() {
        writer = new MessageWriter(gatedHandles(), 1, new MessageWriter.Bounds(100, 1000, 64));
        CompletableFuture<?> first = write(600);
        await().atMost(PATIENCE).until(() -> connectionsAsked.get() == 1 && writer.waiting() == 0);
        CompletableFuture<StoreMessageOutcome> second = write(600);

        CompletableFuture<?> beyond = write(600);

        assertRefusedUnavailable(beyond);
        assertThat(write(300)).as("what still fits is taken").isNotDone();
        gate.countDown();
        await().atMost(PATIENCE).until(() -> first.isDone() && second.isDone());
        assertThat(second).isCompletedWithValueMatching(StoreMessageOutcome.Stored.class::isInstance);
    }

    @Test
    void whenTheDatabaseCannotBeReachedWhatWaitsBehindTheFailedBatchIsRefusedWithoutAnotherAttempt() {
        writer = new MessageWriter(gatedHandles(), 1, MessageWriter.Bounds.DEFAULT);
        CompletableFuture<?> first = write(16);
        await().atMost(PATIENCE).until(() -> connectionsAsked.get() == 1 && writer.waiting() == 0);
        CompletableFuture<?> second = write(16);
        CompletableFuture<?> third = write(16);

        unreachable.set(true);
        gate.countDown();

        await().atMost(PATIENCE).until(() -> first.isDone() && second.isDone() && third.isDone());
        assertRefusedUnavailable(first);
        assertRefusedUnavailable(second);
        assertRefusedUnavailable(third);
        assertThat(connectionsAsked).hasValue(1);
    }

    @Test
    void whenTheCompleterIsBehindTheWriterCompletesTheBatchItselfInsteadOfQueueingIt() {
        writer = new MessageWriter(gatedHandles(), 1, new MessageWriter.Bounds(100, 1 << 20, 1));
        CountDownLatch completerHeld = new CountDownLatch(1);
        CountDownLatch completerFree = new CountDownLatch(1);
        CompletableFuture<?> holdsTheCompleter = write(16).thenRun(() -> {
            completerHeld.countDown();
            try {
                completerFree.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        gate.countDown();
        try {
            await().atMost(PATIENCE).until(() -> completerHeld.getCount() == 0);
            CompletableFuture<?> queued = write(16);
            await().atMost(PATIENCE).until(() -> writer.completionsWaiting() == 1);

            CompletableFuture<StoreMessageOutcome> beyond = write(16);

            await("completed by the writer while the completer is held").atMost(PATIENCE).until(beyond::isDone);
            assertThat(beyond.join()).isInstanceOf(StoreMessageOutcome.Stored.class);
            assertThat(queued).isNotDone();
        } finally {
            completerFree.countDown();
        }
        await().atMost(PATIENCE).until(holdsTheCompleter::isDone);
    }

    private CompletableFuture<StoreMessageOutcome> write(int ciphertextBytes) {
        sequence++;
        DmMessage message = DmMessage.compose(session.session().id(), session.session().sessionId(),
                session.initiatorUser().id(), session.initiator(), session.responder(), Ciphertext.of(new byte[ciphertextBytes]),
                AuthTag.of(new byte[16]), ClientMessageId.parse("bounds-" + sequence), null, Instant.now());
        return writer.write(message).toCompletableFuture();
    }

    private static void assertRefusedUnavailable(CompletableFuture<?> refused) {
        assertThat(refused).isCompletedExceptionally();
        Throwable cause = refused.handle((ignored, failure) -> failure instanceof CompletionException wrapped
                ? wrapped.getCause() : failure).join();
        assertThat(cause).isInstanceOfSatisfying(DomainException.class,
                rejection -> assertThat(rejection.code()).isEqualTo(ErrorCode.SERVICE_UNAVAILABLE));
    }

    /** Handles on the test's database whose connections wait for {@link #gate}, then fail if {@link #unreachable}. */
    private Handles gatedHandles() {
        DataSource pool = database.dataSource();
        DataSource gated = new DataSource() {
            @Override
            public Connection getConnection() throws SQLException {
                connectionsAsked.incrementAndGet();
                try {
                    if (!gate.await(30, TimeUnit.SECONDS)) {
                        throw new SQLTransientConnectionException("the test never opened the gate");
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new SQLTransientConnectionException("interrupted");
                }
                if (unreachable.get()) {
                    throw new SQLTransientConnectionException("connection refused", "08001");
                }
                return pool.getConnection();
            }

            @Override
            public Connection getConnection(String username, String password) throws SQLException {
                return getConnection();
            }

            @Override
            public PrintWriter getLogWriter() {
                return null;
            }

            @Override
            public void setLogWriter(PrintWriter out) {
            }

            @Override
            public void setLoginTimeout(int seconds) {
            }

            @Override
            public int getLoginTimeout() {
                return 0;
            }

            @Override
            public Logger getParentLogger() {
                return Logger.getGlobal();
            }

            @Override
            public <T> T unwrap(Class<T> type) throws SQLException {
                throw new SQLException("not a wrapper");
            }

            @Override
            public boolean isWrapperFor(Class<?> type) {
                return false;
            }
        };
        return TestHandles.on(Jdbi.create(gated).installPlugin(new SqlObjectPlugin()));
    }
}
