package io.convro.adapter.socketio;

import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs publishes to Redis on one thread of their own, in the order they were handed over. A publish happens
 * after the data it announces is committed, and the answer to the client must not wait for Redis or fail with
 * it: when Redis is slow or down, events for sockets on other nodes are lost (those devices catch up through
 * history), the request that caused them is answered as usual, and the log says so without flooding.
 * At most {@link #CAPACITY} publishes wait; beyond that they are dropped and counted in the same log line. After a
 * publish fails, those submitted within {@link #PAUSE_AFTER_FAILURE} are dropped without trying: with Redis down
 * each try waits for Redisson's timeout, and a dm:message with 48 KiB of ciphertext holds 64 KiB while it waits, so
 * 400 sends/s would fill the queue, and the heap, long before the thread got through it.
 */
final class BackgroundPublisher implements AutoCloseable {
    static final int CAPACITY = 2_048;
    static final Duration PAUSE_AFTER_FAILURE = Duration.ofSeconds(1);
    private static final Logger log = LoggerFactory.getLogger(BackgroundPublisher.class);
    private static final long REPORT_EVERY_NANOS = Duration.ofSeconds(10).toNanos();

    private final ThreadPoolExecutor thread;
    private final AtomicLong lost = new AtomicLong();
    private final AtomicLong lostInAll = new AtomicLong();
    private final AtomicLong nextReport = new AtomicLong(System.nanoTime());
    private volatile long pausedUntil = System.nanoTime();

    BackgroundPublisher() {
        this(CAPACITY);
    }

    BackgroundPublisher(int capacity) {
        this.thread = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(capacity), runnable -> {
            Thread publisher = new Thread(runnable, "convro-redis-publish");
            publisher.setDaemon(true);
            return publisher;
        });
    }

    /** Hand {@code publish} over; {@code what} names it in the log (never the payload). */
    void submit(String what, Runnable publish) {
        if (paused()) {
            lost(what, "Redis failed less than " + PAUSE_AFTER_FAILURE.toMillis() + " ms ago");
            return;
        }
        try {
            thread.execute(() -> {
                if (paused()) {
                    lost(what, "Redis failed less than " + PAUSE_AFTER_FAILURE.toMillis() + " ms ago");
                    return;
                }
                try {
                    publish.run();
                } catch (RuntimeException failed) {
                    pausedUntil = System.nanoTime() + PAUSE_AFTER_FAILURE.toNanos();
                    // the class only: Redisson's messages can quote the command and its arguments
                    lost(what, failed.getClass().getSimpleName());
                }
            });
        } catch (RejectedExecutionException full) {
            lost(what, "the queue is full");
        }
    }

    /** Publishes dropped since the start (tests). */
    long lost() {
        return lostInAll.get();
    }

    private boolean paused() {
        return pausedUntil - System.nanoTime() > 0;
    }

    private void lost(String what, String cause) {
        lostInAll.incrementAndGet();
        long count = lost.incrementAndGet();
        long now = System.nanoTime();
        long due = nextReport.get();
        if (now - due >= 0 && nextReport.compareAndSet(due, now + REPORT_EVERY_NANOS)) {
            lost.addAndGet(-count);
            log.warn("[WS] Redis publish failed ({}): {} realtime event(s) did not reach other nodes; the data is stored"
                    + " and devices catch up through history. Last cause: {}", what, count, cause);
        }
    }

    /** Let what waits go out for up to two seconds, then stop. */
    @Override
    public void close() {
        thread.shutdown();
        try {
            if (!thread.awaitTermination(2, TimeUnit.SECONDS)) {
                thread.shutdownNow();
            }
        } catch (InterruptedException interrupted) {
            thread.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
