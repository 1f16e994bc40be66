package io.convro.adapter.http.status;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class TimeBoxedHealthTest {
    private final Executor threads = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable);
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicLong clock = new AtomicLong();
    private final CountDownLatch never = new CountDownLatch(1);
    private final AtomicInteger probes = new AtomicInteger();

    @Test
    void aProbeThatAnswersInTimeIsItsAnswer() {
        TimeBoxedHealth health = new TimeBoxedHealth(() -> true, Duration.ofMinutes(1), threads, clock::get);

        assertThat(health.databaseUp()).isTrue();
    }

    @Test
    @Timeout(10)
    void aCheckAfterTheRunningProbesDeadlineAnswersDownWithoutWaitingTheDeadlineAgain() {
        // the deadline is an hour of real waiting: a check that waited it again would fail on the test's timeout
        TimeBoxedHealth health = new TimeBoxedHealth(this::hangs, Duration.ofHours(1), threads, clock::get);
        Thread first = new Thread(health::databaseUp);
        first.setDaemon(true);
        first.start();
        awaitProbes(1);

        clock.addAndGet(Duration.ofHours(1).toNanos() + 1);

        assertThat(health.databaseUp()).isFalse();
        assertThat(health.databaseUp()).isFalse();
        assertThat(probes).as("checks during a hang share the one probe").hasValue(1);
    }

    @Test
    @Timeout(10)
    void aProbeThatFailsIsDown() {
        TimeBoxedHealth health = new TimeBoxedHealth(() -> {
            throw new IllegalStateException("connection refused");
        }, Duration.ofMinutes(1), threads, clock::get);

        assertThat(health.databaseUp()).isFalse();
        clock.addAndGet(Duration.ofHours(1).toNanos());
        assertThat(health.databaseUp()).as("a finished probe past its deadline is asked again").isFalse();
    }

    private boolean hangs() {
        probes.incrementAndGet();
        try {
            never.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return true;
    }

    private void awaitProbes(int count) {
        while (probes.get() < count) {
            Thread.onSpinWait();
        }
    }
}
