package io.convro.adapter.persistence.messages;

import io.convro.adapter.persistence.Handles;
import io.convro.application.messages.DuplicateClientMessageIdException;
import io.convro.application.messages.StoreMessageOutcome;
import io.convro.domain.DomainException;
import io.convro.domain.ErrorCode;
import io.convro.domain.message.DmMessage;
import io.convro.domain.message.MessageId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group commit for the send path. Senders only queue their message and go on; a writer thread of its own takes
 * what is waiting (up to {@link BatchSizes#MAX}, in one of a few sizes) into one statement and one commit, and
 * hands the batch to a completer thread, which completes each sender's stage while the writer already writes the
 * next batch. Alone, a message costs one round trip; under load, one round trip and one commit carry many (fewer, larger commits
 * cost the database less than several writers' smaller ones), and no sending thread ever waits for the
 * database. Messages are written in the order they arrived.
 *
 * <p>Stages complete on the completer thread: what the caller chains on them must be quick and must not block.
 * {@link #close()} writes what is still queued, then stops both threads.
 *
 * <p>Bounded: at most {@link Bounds#messages()} messages and {@link Bounds#ciphertextBytes()} bytes of ciphertext
 * wait; a write beyond either is refused at once with {@code SERVICE_UNAVAILABLE} (503 + Retry-After), so an outage
 * under load costs answers, not the heap (400 sends/s of 48 KiB filled it in seconds without a bound). When a batch
 * fails because the database cannot be reached, what waits behind it is refused at once too: it would only wait for
 * the same failure. At most {@link Bounds#completions()} finished batches wait for the completer; beyond that the
 * thread that hands a batch over (the writer, or H2's flusher) completes it itself, which slows the writing down
 * instead of queueing.
 */
final class MessageWriter implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MessageWriter.class);
    private static final Pending STOP = new Pending(null);

    private final Handles handles;
    private final Bounds bounds;
    private final LinkedBlockingQueue<Pending> waiting = new LinkedBlockingQueue<>();
    private final AtomicInteger waitingMessages = new AtomicInteger();
    private final AtomicLong waitingBytes = new AtomicLong();
    private final AtomicLong stored = new AtomicLong();
    /** Every batch's size, once {@link #bindTo} gave it somewhere to go. */
    private volatile DistributionSummary batchSizes;
    private final List<Thread> writers = new ArrayList<>();
    private final ThreadPoolExecutor completer;
    private volatile boolean closed;

    /**
     * How much may wait.
     *
     * @param messages        messages waiting to be written
     * @param ciphertextBytes their ciphertext together (a 48 KiB message holds several times that in the heap while
     *                        it waits: its request body, its JSON, its bytes)
     * @param completions     written batches waiting for the completer
     */
    record Bounds(int messages, long ciphertextBytes, int completions) {
        /** 4,096 messages (a few seconds of the send path's peak on a small machine), 8 MiB of ciphertext, 64 batches. */
        static final Bounds DEFAULT = new Bounds(4_096, 8L << 20, 64);
    }

    MessageWriter(Handles handles, int writerThreads) {
        this(handles, writerThreads, Bounds.DEFAULT);
    }

    MessageWriter(Handles handles, int writerThreads, Bounds bounds) {
        this.handles = handles;
        this.bounds = bounds;
        this.completer = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(bounds.completions()),
                work -> {
                    Thread thread = new Thread(work, "convro-message-completer");
                    thread.setDaemon(true);
                    return thread;
                }, (behind, pool) -> behind.run()); // the completer is behind (or stopped): the writer completes itself
        for (int i = 0; i < writerThreads; i++) {
            Thread writer = new Thread(this::writeUntilStopped, "convro-message-writer-" + (i + 1));
            writer.setDaemon(true);
            writers.add(writer);
            writer.start();
        }
    }

    /** Store {@code message} if its session is ACTIVE; see {@code StoreMessagePort.storeIfSessionActive}. */
    CompletionStage<StoreMessageOutcome> write(DmMessage message) {
        if (closed) {
            return CompletableFuture.failedFuture(new IllegalStateException("the message writer is closed"));
        }
        int bytes = message.ciphertext().length();
        if (waitingMessages.incrementAndGet() > bounds.messages()
                | waitingBytes.addAndGet(bytes) > bounds.ciphertextBytes()) {
            waitingMessages.decrementAndGet();
            waitingBytes.addAndGet(-bytes);
            return CompletableFuture.failedFuture(new DomainException(ErrorCode.SERVICE_UNAVAILABLE,
                    "too many messages are waiting to be stored, retry shortly"));
        }
        Pending pending = new Pending(message);
        waiting.add(pending);
        return pending.stored;
    }

    /** {@code taken} left the queue: its room is free again. */
    private void taken(Pending taken) {
        if (taken.message != null) {
            waitingMessages.decrementAndGet();
            waitingBytes.addAndGet(-taken.message.ciphertext().length());
        }
    }

    private void writeUntilStopped() {
        List<Pending> batch = new ArrayList<>(BatchSizes.MAX);
        while (true) {
            try {
                batch.add(waiting.take());
            } catch (InterruptedException e) {
                return;
            }
            waiting.drainTo(batch, BatchSizes.take(1 + waiting.size()) - 1);
            batch.forEach(this::taken);
            int stops = 0;
            while (batch.remove(STOP)) {
                stops++;
            }
            for (int other = 1; other < stops; other++) {
                waiting.add(STOP); // another writer's
            }
            boolean stop = stops > 0;
            if (!batch.isEmpty()) {
                DistributionSummary sizes = batchSizes;
                if (sizes != null) {
                    sizes.record(batch.size());
                }
                boolean unreachable = store(batch);
                List<Pending> done = new ArrayList<>(batch);
                if (unreachable) {
                    refuseWaiting(done);
                }
                // acknowledged once durable; the writer goes on with the next batch meanwhile (H2: one file flush)
                handles.flushed().whenComplete((flushed, unflushed) -> completeLater(done, unflushed));
            }
            batch.clear();
            if (stop) {
                return;
            }
        }
    }

    /** Hand {@code done} to the completer (which completes it here when it is behind, or stopped). */
    private void completeLater(List<Pending> done, Throwable unflushed) {
        completer.execute(() -> done.forEach(pending -> pending.complete(unflushed)));
    }

    /**
     * The writer's meters: messages stored ({@code convro.messages.stored}), the size of each batch written in one
     * statement and commit ({@code convro.message.writer.batch.size}), and what waits to be written
     * ({@code convro.message.writer.queue} messages, {@code convro.message.writer.queue.bytes} of ciphertext).
     */
    void bindTo(MeterRegistry registry) {
        FunctionCounter.builder("convro.messages.stored", stored, AtomicLong::get)
                .description("Messages the send path stored (each once, repeats of a clientMessageId not counted)")
                .register(registry);
        Gauge.builder("convro.message.writer.queue", waitingMessages, AtomicInteger::get)
                .description("Messages waiting for the group commit").baseUnit("messages").register(registry);
        Gauge.builder("convro.message.writer.queue.bytes", waitingBytes, AtomicLong::get)
                .description("Ciphertext waiting for the group commit").baseUnit("bytes").register(registry);
        batchSizes = DistributionSummary.builder("convro.message.writer.batch.size")
                .description("Messages written together in one statement and one commit")
                .serviceLevelObjectives(1, 2, 4, 8, 16, 32, 64, 128)
                .register(registry);
    }

    /** Messages waiting to be written (tests). */
    int waiting() {
        return waitingMessages.get();
    }

    /** Written batches waiting for the completer (tests). */
    int completionsWaiting() {
        return completer.getQueue().size();
    }

    /**
     * The database could not be reached for a batch: what waits now would wait for the same failure, so it is refused
     * at once, into {@code done}. A writer's STOP among it goes back in the queue.
     */
    private void refuseWaiting(List<Pending> done) {
        List<Pending> behind = new ArrayList<>();
        waiting.drainTo(behind);
        for (Pending pending : behind) {
            if (pending == STOP) {
                waiting.add(STOP);
                continue;
            }
            taken(pending);
            pending.fail(new DomainException(ErrorCode.SERVICE_UNAVAILABLE, "the database is unavailable"));
            done.add(pending);
        }
    }

    /** Store the batch; whether it failed because the database could not be reached. */
    private boolean store(List<Pending> batch) {
        try {
            int inserted = handles.withOwnHandle(handle -> batch.size() == 1 ? storeAlone(handle, batch.get(0))
                    : storeTogether(handle, batch));
            // counted once committed
            stored.addAndGet(inserted);
        } catch (RuntimeException failure) {
            // the database is unreachable (or something unforeseen): every caller not yet answered hears of it
            batch.forEach(pending -> pending.fail(failure));
            return failure instanceof DomainException unavailable && unavailable.code() == ErrorCode.SERVICE_UNAVAILABLE;
        } catch (Error fatal) {
            batch.forEach(pending -> pending.fail(fatal));
            LOG.error("message writer failed", fatal);
        }
        return false;
    }

    /** Store one message; how many rows it inserted (0 or 1). */
    private static int storeAlone(Handle handle, Pending pending) {
        try {
            Optional<Long> id = MessageInserts.insertIfActive(handle, MessageRow.of(pending.message));
            pending.succeed(id.<StoreMessageOutcome>map(value -> new StoreMessageOutcome.Stored(
                    pending.message.withId(MessageId.of(value)))).orElseGet(StoreMessageOutcome.NotActive::new));
            return id.isPresent() ? 1 : 0;
        } catch (DuplicateClientMessageIdException repeated) {
            // its original, read here on the same connection: a repeat is rare, and the sender's answer is the original
            findOriginal(handle, pending.message).ifPresentOrElse(
                    original -> pending.succeed(new StoreMessageOutcome.DuplicateOf(original)),
                    () -> pending.fail(new IllegalStateException("duplicate clientMessageId without an original")));
            return 0;
        } catch (DomainException refused) {
            pending.fail(refused);
            return 0;
        }
    }

    /** The message stored under {@code message}'s key (sender device, clientMessageId, recipient device). */
    private static Optional<DmMessage> findOriginal(Handle handle, DmMessage message) {
        return handle.attach(MessageDao.class).findByClientMessageId(message.senderDeviceId().value(),
                message.clientMessageId().value(), message.recipientDeviceId().value()).map(MessageRow::toDomain);
    }

    /** Store the batch in one statement (or one by one when one of them is refused); how many rows it inserted. */
    private static int storeTogether(Handle handle, List<Pending> batch) {
        List<MessageRow> rows = new ArrayList<>(batch.size());
        for (Pending pending : batch) {
            rows.add(MessageRow.of(pending.message));
        }
        Optional<List<Long>> ids = MessageInserts.insertAll(handle, rows);
        if (ids.isEmpty()) {
            // a session that is not ACTIVE or a repeated clientMessageId refused the statement: one by one, so
            // that each sender hears only of its own
            int inserted = 0;
            for (Pending pending : batch) {
                inserted += storeAlone(handle, pending);
            }
            return inserted;
        }
        if (ids.get().size() != batch.size()) {
            throw new IllegalStateException("stored " + batch.size() + " messages but got " + ids.get().size() + " ids");
        }
        for (int i = 0; i < batch.size(); i++) {
            Pending pending = batch.get(i);
            pending.succeed(new StoreMessageOutcome.Stored(pending.message.withId(MessageId.of(ids.get().get(i)))));
        }
        return batch.size();
    }

    /** Write what is queued, then stop the writers and the completer (waiting at most {@code timeout}). */
    void close(long timeout, TimeUnit unit) {
        closed = true;
        writers.forEach(writer -> waiting.add(STOP));
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        for (Thread writer : writers) {
            try {
                writer.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            writer.interrupt();
        }
        Pending left;
        while ((left = waiting.poll()) != null) {
            taken(left);
            if (left != STOP) {
                left.stored.completeExceptionally(new IllegalStateException("the message writer is closed"));
            }
        }
        try {
            // queued after every batch's flush: once it completes, their completions are with the completer
            handles.flushed().toCompletableFuture().get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn("the last sends may not be durable: {}", e.toString());
        }
        completer.shutdown();
        try {
            completer.awaitTermination(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        close(10, TimeUnit.SECONDS);
    }

    /**
     * One sender's message, what the writer made of it, and the stage that tells the sender (completed by the
     * completer: the hand-over of the batch publishes the writer's outcome to it).
     */
    private static final class Pending {
        private final DmMessage message;
        private final CompletableFuture<StoreMessageOutcome> stored = new CompletableFuture<>();
        private StoreMessageOutcome outcome;
        private Throwable failure;

        Pending(DmMessage message) {
            this.message = message;
        }

        void succeed(StoreMessageOutcome result) {
            outcome = result;
        }

        /** Refused or failed, unless already decided (a failure after part of a batch was stored). */
        void fail(Throwable error) {
            if (outcome == null && failure == null) {
                failure = error;
            }
        }

        /** Tell the sender; a stored message whose commit could not be made durable is not acknowledged. */
        void complete(Throwable unflushed) {
            if (unflushed != null && outcome instanceof StoreMessageOutcome.Stored) {
                stored.completeExceptionally(unflushed);
            } else if (failure != null) {
                stored.completeExceptionally(failure);
            } else if (outcome != null) {
                stored.complete(outcome);
            } else {
                stored.completeExceptionally(new IllegalStateException("the message writer decided nothing"));
            }
        }
    }
}
