package io.convro.bootstrap;

import io.convro.adapter.crypto.Argon2idPasswordHasher;
import io.convro.application.auth.BoundedPasswordHasher;
import java.time.Duration;

/**
 * How many Argon2id hashes one node runs at once (K), and the bounded hasher that keeps to it. Each running hash
 * holds its memory cost on the heap (20.2 MiB at the OWASP minimum), so K is what the heap has room for once the
 * rest of the node is paid for, and no more than half the cores (a hash is pure CPU: a burst of sign-ins must leave
 * the other half to the traffic of those signed in already). See docs/memory-budget.md.
 */
final class PasswordHashing {
    /**
     * The heap the rest of the node needs, each part measured on the default heap (docs/memory-budget.md): the base
     * live set, 32 MiB (20 after start and a warm-up, 31 with a 389 MB H2 database whose page cache is full), the send
     * path's working set, 32 MiB (30 at 64 concurrent sends of 48 KiB messages, 1 with 256-byte ones), and 5,000 idle
     * sockets, 32 MiB (6.6 KiB each).
     */
    static final long RESERVED_HEAP_BYTES = 96L << 20;
    /** Callers allowed to wait for a slot, per slot: a burst drains within about a second at K hashes at a time. */
    static final int WAITING_PER_SLOT = 8;
    /**
     * A waiting caller holds one of the node's request slots ({@code CONVRO_HTTP_THREADS}) while it waits, so hashing
     * may take at most half of them: in the soak benchmark a burst of 400 logins otherwise held every slot, and 22-59 %
     * of history, bundle and conversation requests were refused for 15 s of each burst.
     */
    static final int SHARE_OF_REQUEST_SLOTS = 2;
    /** The longest a caller waits for a slot before it is answered 503. */
    static final Duration MAX_WAIT = Duration.ofSeconds(5);

    private PasswordHashing() {
    }

    /**
     * K for a heap of {@code maxHeapBytes} and {@code cores} cores: what fits beside {@link #RESERVED_HEAP_BYTES},
     * at most half the cores, at least 1 (a node must be able to sign anyone in). Half, not all: with K = 2 on two
     * cores, each burst of the soak benchmark's 400 sign-ins took both cores for seconds, and a restart that met the
     * burst's retries answered the other routes slowly for longer than the outage itself.
     */
    static int defaultConcurrency(long maxHeapBytes, int cores, long heapBytesPerHash) {
        long room = Math.max(0, maxHeapBytes - RESERVED_HEAP_BYTES);
        long byHeap = room / heapBytesPerHash;
        return (int) Math.max(1, Math.min(cores / 2, byHeap));
    }

    /** K as configured ({@code configured > 0}) or else derived from this JVM's heap and cores. */
    static int concurrency(int configured, Argon2idPasswordHasher hasher) {
        if (configured > 0) {
            return configured;
        }
        return defaultConcurrency(Runtime.getRuntime().maxMemory(), Runtime.getRuntime().availableProcessors(),
                hasher.heapBytesPerHash());
    }

    /**
     * {@code hasher} behind at most {@code concurrency} hashes at once, the rest waiting briefly or refused; running
     * and waiting together hold at most half of the {@code requestSlots}, and at least one may always wait.
     */
    static BoundedPasswordHasher bounded(Argon2idPasswordHasher hasher, int concurrency, int requestSlots) {
        return new BoundedPasswordHasher(hasher, concurrency, waiting(concurrency, requestSlots), MAX_WAIT);
    }

    static int waiting(int concurrency, int requestSlots) {
        return Math.max(1, Math.min(WAITING_PER_SLOT * concurrency, requestSlots / SHARE_OF_REQUEST_SLOTS - concurrency));
    }
}
