package io.convro.application.shared;

import static org.assertj.core.api.Assertions.assertThat;

import io.convro.domain.DomainException;
import io.convro.domain.ErrorCode;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BoundedWorkTest {
    private final CountDownLatch storeAnswers = new CountDownLatch(1);

    @AfterEach
    void release() {
        storeAnswers.countDown();
    }

    @Test
    void workBeyondTheQueueIsRefusedServiceUnavailableAtOnceAndNeverRuns() throws Exception {
        BoundedWork work = new BoundedWork("test-work", 1, 1, Duration.ofMinutes(1));
        CompletableFuture<String> running = work.supply(this::waitForTheStore);
        CompletableFuture<String> waiting = work.supply(() -> "second");
        awaitInFlight(work, 2);
        AtomicBoolean ran = new AtomicBoolean();

        CompletableFuture<String> beyond = work.supply(() -> {
            ran.set(true);
            return "third";
        });

        assertRefusedUnavailable(beyond);
        storeAnswers.countDown();
        assertThat(running.get(15, TimeUnit.SECONDS)).isEqualTo("first");
        assertThat(waiting.get(15, TimeUnit.SECONDS)).isEqualTo("second");
        assertThat(ran).isFalse();
    }

    @Test
    void workThatWaitedLongerThanItsBoundIsRefusedInsteadOfRun() throws Exception {
        BoundedWork work = new BoundedWork("test-work", 1, 10, Duration.ofMillis(100));
        CompletableFuture<String> running = work.supply(this::waitForTheStore);
        AtomicBoolean ran = new AtomicBoolean();
        CompletableFuture<String> late = work.supply(() -> {
            ran.set(true);
            return "late";
        });
        Thread.sleep(300);

        storeAnswers.countDown();

        assertThat(running.get(15, TimeUnit.SECONDS)).isEqualTo("first");
        assertRefusedUnavailable(late);
        assertThat(ran).isFalse();
    }

    @Test
    void aFailureOfTheWorkIsTheStagesFailure() {
        BoundedWork work = new BoundedWork("test-work", 1, 1, Duration.ofMinutes(1));

        CompletableFuture<String> failed = work.supply(() -> {
            throw new DomainException(ErrorCode.SESSION_NOT_FOUND, "no such session");
        });

        assertThat(failed).failsWithin(Duration.ofSeconds(15)).withThrowableOfType(java.util.concurrent.ExecutionException.class)
                .havingCause().isInstanceOf(DomainException.class);
    }

    @Test
    void workOfferedAfterCloseIsRefusedServiceUnavailableAndWhatWasTakenFinishes() throws Exception {
        BoundedWork work = new BoundedWork("test-work", 1, 1, Duration.ofMinutes(1));
        CompletableFuture<String> running = work.supply(this::waitForTheStore);
        awaitInFlight(work, 1);
        Thread closing = new Thread(() -> work.close(Duration.ofSeconds(15)));
        closing.start();
        AtomicBoolean ran = new AtomicBoolean();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (closing.getState() != Thread.State.TIMED_WAITING && System.nanoTime() < deadline) {
            Thread.sleep(5); // waiting for the running work: the pool is shut down already
        }

        CompletableFuture<String> afterClose = work.supply(() -> {
            ran.set(true);
            return "after";
        });
        storeAnswers.countDown();
        closing.join(15_000);

        assertThat(running.get(15, TimeUnit.SECONDS)).isEqualTo("first");
        assertRefusedUnavailable(afterClose);
        assertThat(ran).isFalse();
        assertThat(closing.isAlive()).isFalse();
    }

    private String waitForTheStore() {
        try {
            storeAnswers.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return "first";
    }

    private static void awaitInFlight(BoundedWork work, int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (work.inFlight() != count && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(work.inFlight()).isEqualTo(count);
    }

    private static void assertRefusedUnavailable(CompletableFuture<?> refused) {
        Throwable cause = refused.handle((ignored, failure) -> failure instanceof CompletionException wrapped
                ? wrapped.getCause() : failure).orTimeout(15, TimeUnit.SECONDS).join();
        assertThat(cause).isInstanceOfSatisfying(DomainException.class,
                rejection -> assertThat(rejection.code()).isEqualTo(ErrorCode.SERVICE_UNAVAILABLE));
    }
}
