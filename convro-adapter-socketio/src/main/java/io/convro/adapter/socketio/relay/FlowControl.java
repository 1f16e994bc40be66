package io.convro.adapter.socketio.relay;

import io.netty.channel.Channel;

/**
 * Backpressure between the client connection and its backend link ({@code autoRead}): reading on one
 * side pauses while the other side cannot take more, so nothing is buffered without a bound.
 */
final class FlowControl {

    private FlowControl() {
    }

    /** Reading pauses while the backend link is connecting or full, or pipelined requests pile up. */
    static boolean clientPaused(Exchange current, BackendLink link, PipelinedRequests queued) {
        boolean backendFull = current != null && current.isBackend() && !current.requestDone && link.isFull();
        return link.isConnecting() || backendFull || queued.isFull();
    }

    /** The client can take more of the response again: let the backend link read on. */
    static void clientWritabilityChanged(Channel client, BackendLink link) {
        if (client.isWritable()) {
            link.resumeReading();
        }
    }

    /** A response chunk went to the client: stop reading the backend while the client is full. */
    static void chunkRelayed(Channel client, BackendLink link) {
        if (!client.isWritable()) {
            link.pauseReading();
        }
    }
}
