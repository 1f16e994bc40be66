package io.convro.application.auth;

import io.convro.application.shared.ServiceUnavailableException;
import io.convro.domain.user.Password;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * A {@link PasswordHasher} that runs at most {@code concurrency} hashes at once. A memory-hard hash holds its whole
 * memory cost (Argon2id: 19 MiB) until it ends, so the number running at once, not the request rate, is what decides
 * whether the heap holds: without a bound, a dozen concurrent registrations or logins exhausted a 192 MiB heap.
 *
 * <p>A caller that finds every slot taken waits, first come first served, up to {@code maxWait}, and at most
 * {@code maxWaiting} callers wait at once; beyond either bound the call is refused with
 * {@link ServiceUnavailableException} ({@code 503} with {@code Retry-After}) without hashing anything. The bound
 * applies alike to {@link #verifyDummy} (a login of an unknown user), so a refusal or a wait tells nothing about
 * whether the user exists.
 */
public final class BoundedPasswordHasher implements PasswordHasher {
    /** Retry-After is spread over this many seconds from one, so a refused burst does not come back at once. */
    private static final int RETRY_SPREAD_SECONDS = 3;

    private final PasswordHasher hasher;
    private final int concurrency;
    private final Semaphore slots;
    private final int maxWaiting;
    private final long maxWaitNanos;
    private final AtomicInteger waiting = new AtomicInteger();
    private final AtomicLong refused = new AtomicLong();

    /**
     * @param hasher      the hasher that does the work
     * @param concurrency the most hashes running at once; at least 1
     * @param maxWaiting  the most callers waiting for a slot at once; at least 0
     * @param maxWait     how long one caller waits for a slot at most; not negative
     */
    public BoundedPasswordHasher(PasswordHasher hasher, int concurrency, int maxWaiting, Duration maxWait) {
        this.hasher = Objects.requireNonNull(hasher, "hasher");
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency must be at least 1, got " + concurrency);
        }
        if (maxWaiting < 0) {
            throw new IllegalArgumentException("maxWaiting must not be negative, got " + maxWaiting);
        }
        if (maxWait.isNegative()) {
            throw new IllegalArgumentException("maxWait must not be negative, got " + maxWait);
        }
        this.concurrency = concurrency;
        this.slots = new Semaphore(concurrency, true);
        this.maxWaiting = maxWaiting;
        this.maxWaitNanos = maxWait.toNanos();
    }

    @Override
    public String hash(Password password) {
        return bounded(() -> hasher.hash(password));
    }

    @Override
    public boolean verify(Password password, String hash) {
        return bounded(() -> hasher.verify(password, hash));
    }

    @Override
    public void verifyDummy(Password password) {
        bounded(() -> {
            hasher.verifyDummy(password);
            return null;
        });
    }

    /** Hashes running now (tests, metrics). */
    public int running() {
        return concurrency - slots.availablePermits();
    }

    /** Callers waiting for a slot now. */
    public int waiting() {
        return waiting.get();
    }

    /** Calls refused since the start because every slot was taken and the wait full or too long (metrics). */
    public long refused() {
        return refused.get();
    }

    private <T> T bounded(Supplier<T> work) {
        acquire();
        try {
            return work.get();
        } finally {
            slots.release();
        }
    }

    private void acquire() {
        // tryAcquire(0, …) keeps the semaphore fair: a newcomer never overtakes those already waiting
        if (tryAcquire(0)) {
            return;
        }
        if (waiting.incrementAndGet() > maxWaiting) {
            waiting.decrementAndGet();
            throw busy();
        }
        try {
            if (!tryAcquire(maxWaitNanos)) {
                throw busy();
            }
        } finally {
            waiting.decrementAndGet();
        }
    }

    private boolean tryAcquire(long nanos) {
        try {
            return slots.tryAcquire(nanos, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw busy();
        }
    }

    private ServiceUnavailableException busy() {
        refused.incrementAndGet();
        long seconds = 1 + ThreadLocalRandom.current().nextInt(RETRY_SPREAD_SECONDS);
        return new ServiceUnavailableException("too many password checks at once, retry later", Duration.ofSeconds(seconds));
    }
}
