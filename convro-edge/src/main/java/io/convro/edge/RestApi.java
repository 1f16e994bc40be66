package io.convro.edge;

import java.util.concurrent.CompletionStage;

/**
 * The REST API as the public port reaches it: every request outside {@code /socket.io/}, parsed once by the port and
 * gathered whole, goes here, and every answer comes from here (the bootstrap binds the HTTP adapter's one chain to
 * it). JDK types only: the port knows nothing of routes, tokens or use cases, the API nothing of netty.
 */
public interface RestApi {
    /**
     * Called on the connection's event loop: must not wait there. The stage may complete on any thread, and must
     * complete, with an answer for every outcome (rejections included).
     */
    CompletionStage<RestAnswer> answer(RestRequest request);

    /**
     * The API's own answer (its error shape, the headers every answer carries) for a request the port refuses before
     * it is one: {@code 400} not valid HTTP or a malformed target, {@code 408} a body too slow, {@code 413} a body,
     * request line or headers too large, {@code 503} the port's bound on gathered bodies spent.
     *
     * @param path the request's path when it is known (a body over its limit), else {@code null}
     */
    RestAnswer refusal(int status, String path);

    /** The most body bytes a request for {@code path} may carry ({@code 413} beyond, refused by the port). */
    int bodyLimit(String path);

}
