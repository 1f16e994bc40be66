package io.convro.edge;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The node's budget for request bodies the port gathers before their request is answered (all client connections
 * together). Gathering takes no request thread however slowly a body arrives, but it takes memory, which an attacker
 * could pile up with bodies that stop one byte short (each also has its deadline). A body is counted as it arrives
 * (its declared length at once); one that does not fit is answered {@code 503 SERVICE_UNAVAILABLE} with
 * {@code Retry-After}, and the connection closes.
 */
public final class GatheredBodies {
    /** 128 bodies of the largest size (a send: 128 KiB) at once. */
    public static final long DEFAULT_BYTES = 16L * 1024 * 1024;

    private final long budget;
    private final AtomicLong taken = new AtomicLong();

    public GatheredBodies(long budgetBytes) {
        if (budgetBytes < 0) {
            throw new IllegalArgumentException("budget must be 0 or more");
        }
        this.budget = budgetBytes;
    }

    boolean tryTake(long bytes) {
        while (true) {
            long now = taken.get();
            if (now + bytes > budget) {
                return false;
            }
            if (taken.compareAndSet(now, now + bytes)) {
                return true;
            }
        }
    }

    void give(long bytes) {
        taken.addAndGet(-bytes);
    }

    /** Bytes gathered now (tests). */
    long taken() {
        return taken.get();
    }
}
