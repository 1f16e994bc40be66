package io.convro.edge;

/**
 * Backpressure on the client connection ({@code autoRead}): reading pauses while requests pipelined behind the
 * current one pile up, or while the client does not read its answers, so nothing is buffered without a bound.
 */
final class FlowControl {

    private FlowControl() {
    }

    static boolean clientPaused(boolean clientWritable, PipelinedRequests queued) {
        return !clientWritable || queued.isFull();
    }
}
