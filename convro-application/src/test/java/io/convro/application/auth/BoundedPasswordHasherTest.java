package io.convro.application.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.convro.application.shared.ServiceUnavailableException;
import io.convro.domain.ErrorCode;
import io.convro.domain.user.Password;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BoundedPasswordHasherTest {
    private static final Password PASSWORD = Password.offered("correct horse battery");
    /** Long enough that no test waits it out by accident: the tests free slots themselves. */
    private static final Duration PATIENT = Duration.ofMinutes(5);

    private final ExecutorService callers = Executors.newCachedThreadPool();
    private final GatedHasher gated = new GatedHasher();

    @AfterEach
    void release() {
        gated.open.countDown();
        callers.shutdownNow();
    }

    @Test
    void neverMoreThanTheBoundHashAtOnceAndTheOthersWaitTheirTurn() {
        BoundedPasswordHasher hasher = new BoundedPasswordHasher(gated, 2, 10, PATIENT);
        List<CompletableFuture<String>> calls = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            calls.add(CompletableFuture.supplyAsync(() -> hasher.hash(PASSWORD), callers));
        }
        await().until(() -> hasher.running() == 2 && hasher.waiting() == 4);
        assertThat(gated.peak.get()).isEqualTo(2);

        gated.open.countDown();
        assertThat(calls).allSatisfy(call -> assertThat(call.join()).isEqualTo("hash"));
        assertThat(gated.peak.get()).as("at most two at once, ever").isEqualTo(2);
        assertThat(hasher.running()).isZero();
    }

    @Test
    void aCallerBeyondTheWaitingRoomIsRefusedAtOnceWithARetryAfterAndHashesNothing() {
        BoundedPasswordHasher hasher = new BoundedPasswordHasher(gated, 1, 1, PATIENT);
        CompletableFuture.runAsync(() -> hasher.hash(PASSWORD), callers);
        CompletableFuture.runAsync(() -> hasher.verify(PASSWORD, "stored"), callers);
        await().until(() -> hasher.running() == 1 && hasher.waiting() == 1);

        assertThatThrownBy(() -> hasher.verify(PASSWORD, "stored"))
                .isInstanceOfSatisfying(ServiceUnavailableException.class, busy -> {
                    assertThat(busy.code()).isEqualTo(ErrorCode.SERVICE_UNAVAILABLE);
                    assertThat(busy.retryAfter()).isBetween(Duration.ofSeconds(1), Duration.ofSeconds(3));
                });
        assertThat(gated.started.get()).as("the refused call hashed nothing").isEqualTo(1);
    }

    @Test
    void aCallerThatWaitsPastTheDeadlineIsRefusedAndLeavesTheWaitingRoom() {
        BoundedPasswordHasher hasher = new BoundedPasswordHasher(gated, 1, 5, Duration.ZERO);
        CompletableFuture.runAsync(() -> hasher.hash(PASSWORD), callers);
        await().until(() -> hasher.running() == 1);

        assertThatThrownBy(() -> hasher.hash(PASSWORD)).isInstanceOf(ServiceUnavailableException.class);
        assertThat(hasher.waiting()).isZero();
        assertThat(gated.started.get()).isEqualTo(1);
    }

    @Test
    void anUnknownUsersDummyVerificationTakesASlotLikeARealOne() {
        BoundedPasswordHasher hasher = new BoundedPasswordHasher(gated, 1, 0, PATIENT);
        CompletableFuture.runAsync(() -> hasher.verifyDummy(PASSWORD), callers);
        await().until(() -> hasher.running() == 1);

        assertThatThrownBy(() -> hasher.verify(PASSWORD, "stored")).isInstanceOf(ServiceUnavailableException.class);
        assertThatThrownBy(() -> hasher.verifyDummy(PASSWORD)).isInstanceOf(ServiceUnavailableException.class);
    }

    @Test
    void aSlotIsGivenBackWhenTheHashFails() {
        PasswordHasher failing = new PasswordHasher() {
            @Override
            public String hash(Password password) {
                throw new IllegalStateException("broken");
            }

            @Override
            public boolean verify(Password password, String hash) {
                return true;
            }

            @Override
            public void verifyDummy(Password password) {
            }
        };
        BoundedPasswordHasher hasher = new BoundedPasswordHasher(failing, 1, 0, Duration.ZERO);
        assertThatThrownBy(() -> hasher.hash(PASSWORD)).hasMessage("broken");
        assertThat(hasher.running()).isZero();
        assertThat(hasher.verify(PASSWORD, "stored")).isTrue();
    }

    @Test
    void boundsMustMakeSense() {
        assertThatThrownBy(() -> new BoundedPasswordHasher(gated, 0, 0, PATIENT)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new BoundedPasswordHasher(gated, 1, -1, PATIENT)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new BoundedPasswordHasher(gated, 1, 0, Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** A hasher whose every call blocks until {@link #open} opens, counting the calls running at once. */
    private static final class GatedHasher implements PasswordHasher {
        final CountDownLatch open = new CountDownLatch(1);
        final AtomicInteger started = new AtomicInteger();
        final AtomicInteger peak = new AtomicInteger();
        private final AtomicInteger running = new AtomicInteger();

        @Override
        public String hash(Password password) {
            work();
            return "hash";
        }

        @Override
        public boolean verify(Password password, String hash) {
            work();
            return false;
        }

        @Override
        public void verifyDummy(Password password) {
            work();
        }

        private void work() {
            started.incrementAndGet();
            peak.accumulateAndGet(running.incrementAndGet(), Math::max);
            try {
                open.await(PATIENT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                running.decrementAndGet();
            }
        }
    }
}
