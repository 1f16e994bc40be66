package io.convro.bootstrap;

import io.convro.adapter.http.web.BoundedRequests;
import io.convro.application.shared.BoundedWork;

/**
 * The threads the REST chain runs a blocking route on when its caller must not wait (the one public port's event
 * loops), and a token check that must read the store: made and closed by the node, which owns every thread it runs.
 */
final class RestWork {
    private RestWork() {
    }

    /**
     * {@code CONVRO_HTTP_THREADS} at once, eight times as many waiting, none waiting over 5 s: the bound Javalin's
     * request threads have in the two-port mode ({@link BoundedRequests}), so both modes refuse alike.
     */
    static BoundedWork create(int threads) {
        return new BoundedWork("convro-rest", threads, BoundedRequests.WAITING_PER_THREAD * threads, BoundedRequests.MAX_WAIT);
    }
}
