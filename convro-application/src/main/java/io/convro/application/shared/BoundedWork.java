package io.convro.application.shared;

import io.convro.domain.DomainException;
import io.convro.domain.ErrorCode;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Where work that may wait for the store runs when its caller must not wait (an event loop, the store's own
 * threads): a few daemon threads, at most {@code queue} tasks waiting, and a bound on how long one may wait. Work
 * beyond the queue, or that waited longer than {@code maxWait} (the store is slow or gone: running it would only add
 * to the pile), is not run: its stage fails with {@code SERVICE_UNAVAILABLE} (503 with Retry-After on HTTP). So
 * an outage under load costs answers, never memory, and no answer waits for a queue that cannot drain.
 *
 * <p>Its threads belong to whoever made it (the bootstrap, or a test): that one {@link #close() closes} it when the
 * node stops; the use cases that run work here only borrow it.
 */
public final class BoundedWork implements AutoCloseable {
    private final ThreadPoolExecutor threads;
    private final long maxWaitNanos;

    public BoundedWork(String name, int threads, int queue, Duration maxWait) {
        if (threads < 1 || queue < 1) {
            throw new IllegalArgumentException("threads and queue must be at least 1");
        }
        this.maxWaitNanos = maxWait.toNanos();
        AtomicInteger count = new AtomicInteger();
        this.threads = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(queue), work -> {
            Thread thread = new Thread(work, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        this.threads.allowCoreThreadTimeOut(true);
    }

    /** {@code work}'s result, computed on one of these threads; never throws, every refusal is in the stage. */
    public <T> CompletableFuture<T> supply(Supplier<T> work) {
        CompletableFuture<T> result = new CompletableFuture<>();
        long queuedAt = System.nanoTime();
        try {
            threads.execute(() -> {
                if (System.nanoTime() - queuedAt > maxWaitNanos) {
                    result.completeExceptionally(busy());
                    return;
                }
                try {
                    result.complete(work.get());
                } catch (Throwable failed) {
                    result.completeExceptionally(failed);
                }
            });
        } catch (RejectedExecutionException full) {
            result.completeExceptionally(busy());
        }
        return result;
    }

    /**
     * Take no more work (what is offered from now on is refused {@code SERVICE_UNAVAILABLE}), let what was taken
     * finish for at most {@code grace}, then interrupt what still runs.
     */
    public void close(Duration grace) {
        threads.shutdown();
        try {
            if (!threads.awaitTermination(grace.toNanos(), TimeUnit.NANOSECONDS)) {
                threads.shutdownNow();
            }
        } catch (InterruptedException e) {
            threads.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    /** {@link #close(Duration)} with 5 s of grace: a task here is one read of the store, a store in trouble waits no more. */
    @Override
    public void close() {
        close(Duration.ofSeconds(5));
    }

    /** Tasks waiting or running (tests). */
    public int inFlight() {
        return threads.getQueue().size() + threads.getActiveCount();
    }

    private static DomainException busy() {
        return new DomainException(ErrorCode.SERVICE_UNAVAILABLE, "the server is busy, retry shortly");
    }
}
