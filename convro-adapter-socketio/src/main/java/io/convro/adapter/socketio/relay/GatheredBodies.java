package io.convro.adapter.socketio.relay;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The node's budget for request bodies the relay gathers before passing a request on (all client connections
 * together). Gathering takes no request thread however slowly a body arrives, but it takes memory, which an attacker
 * could pile up with bodies that stop one byte short; once the budget is spent, further requests stream to the backend
 * as they arrive (where the bound on request threads holds them) until gathered bodies have gone on.
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
