package io.convro.edge;

import io.netty.handler.codec.http.HttpObject;
import io.netty.util.ReferenceCountUtil;
import java.util.ArrayDeque;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Messages of requests pipelined behind the current exchange. They wait here, in arrival order, so that
 * responses leave in request order whichever side (netty-socketio or the REST API) answers them.
 */
final class PipelinedRequests {

    /** Pipelined messages read ahead of the current exchange before reading pauses. */
    private static final int MAX_QUEUED_MESSAGES = 32;

    private final ArrayDeque<HttpObject> queued = new ArrayDeque<>();
    private boolean draining;

    /** A message must wait while others wait before it or the current request has been read completely. */
    boolean mustWait(Exchange current) {
        return !queued.isEmpty() || (current != null && current.requestDone);
    }

    void add(HttpObject msg) {
        queued.add(msg);
    }

    boolean isFull() {
        return queued.size() >= MAX_QUEUED_MESSAGES;
    }

    /**
     * Hands waiting messages on, oldest first, as long as {@code mayContinue} holds. Not re-entered: a
     * message handled here may complete an exchange, and the outer loop carries on with the next one.
     */
    void drain(BooleanSupplier mayContinue, Consumer<HttpObject> handler) {
        if (draining) {
            return;
        }
        draining = true;
        try {
            while (!queued.isEmpty() && mayContinue.getAsBoolean()) {
                handler.accept(queued.poll());
            }
        } finally {
            draining = false;
        }
    }

    void releaseAll() {
        HttpObject msg;
        while ((msg = queued.poll()) != null) {
            ReferenceCountUtil.release(msg);
        }
    }
}
