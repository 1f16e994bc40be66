package io.convro.adapter.socketio.relay;

import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * A request the in-process REST backend answers from its parsed form ({@link InProcessBackend#direct}): the relay
 * has decoded it already, so it hands over the headers and the whole body instead of HTTP bytes, and writes the
 * answer itself. The busiest route pays neither a second HTTP parse nor a request thread.
 */
public interface DirectRoute {
    /**
     * Called on the client connection's event loop: must not block. The stage may complete on any thread, and
     * must complete, with an answer for every outcome (rejections included).
     *
     * @param header a request header's value by name (case-insensitive), {@code null} when absent; as the backend
     *               would see it ({@code X-Forwarded-For} ends with the client connection's peer)
     * @param body   the whole request body, within the path's body limit
     */
    CompletionStage<Answer> answer(Function<String, String> header, byte[] body);

    /**
     * The response: its status, {@code Content-Type}, body, {@code Retry-After} (whole seconds, {@code null} for
     * none: the contract puts one on every {@code 429} and {@code 503}) and {@code Access-Control-Allow-Origin}
     * ({@code null} for none: the request's origin is not one the deployment allows).
     */
    record Answer(int status, String contentType, byte[] body, String retryAfter, String allowOrigin) {
        /** An answer without {@code Retry-After}. */
        public Answer(int status, String contentType, byte[] body) {
            this(status, contentType, body, null, null);
        }

        /** An answer for no other origin than the server's own. */
        public Answer(int status, String contentType, byte[] body, String retryAfter) {
            this(status, contentType, body, retryAfter, null);
        }

        /** This answer, readable by a browser app of {@code origin} ({@code null}: by none). */
        public Answer allowingOrigin(String origin) {
            return new Answer(status, contentType, body, retryAfter, origin);
        }
    }
}
