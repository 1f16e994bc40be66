package io.convro.bootstrap;

import io.convro.application.shared.BoundedWork;
import java.time.Duration;

/**
 * The threads the send use case runs its store reads on (a session read for the first time on this node, the checks
 * of a send the store did not take): made and closed by the node, which owns every thread it runs.
 */
final class SendWork {
    /**
     * Four at once (each holds a database connection), 256 waiting, none waiting over 5 s. Beyond that the send is
     * answered 503: with the database down each waits a connection timeout, and an unbounded queue held every waiting
     * body for minutes.
     */
    static final int THREADS = 4;
    static final int QUEUE = 256;
    static final Duration MAX_WAIT = Duration.ofSeconds(5);

    private SendWork() {
    }

    static BoundedWork create() {
        return new BoundedWork("convro-checked-send", THREADS, QUEUE, MAX_WAIT);
    }
}
