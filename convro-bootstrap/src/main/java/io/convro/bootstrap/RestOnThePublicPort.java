package io.convro.bootstrap;

import io.convro.adapter.http.chain.ApiAnswer;
import io.convro.adapter.http.chain.Chain;
import io.convro.adapter.http.web.BodyLimit;
import io.convro.edge.RestAnswer;
import io.convro.edge.RestApi;
import io.convro.edge.RestRequest;
import java.time.Duration;
import java.util.concurrent.CompletionStage;

/**
 * The one public port (the edge) joined to the HTTP adapter's chain: the port hands over each request it parsed and
 * gathered, the chain answers it as it answers Javalin's. The two speak JDK types only; this is the whole translation.
 */
final class RestOnThePublicPort implements RestApi {
    private static final long DRAIN_POLL_MILLIS = 20;

    private final Chain chain;

    RestOnThePublicPort(Chain chain) {
        this.chain = chain;
    }

    @Override
    public CompletionStage<RestAnswer> answer(RestRequest request) {
        return chain.answerGathered(request.method(), request.path(), request.rawQuery(), request.header(), request.body())
                .thenApply(RestOnThePublicPort::wire);
    }

    @Override
    public RestAnswer refusal(int status, String path) {
        return wire(chain.refusal(status, path));
    }

    @Override
    public int bodyLimit(String path) {
        return BodyLimit.bytesFor(path);
    }

    /** Every request from now on is answered 503; those taken are answered within {@code grace}, or left. */
    void stopGracefully(Duration grace) {
        chain.stopAccepting();
        long deadline = System.nanoTime() + grace.toNanos();
        while (chain.inFlight() > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(DRAIN_POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static RestAnswer wire(ApiAnswer answer) {
        return new RestAnswer(answer.status(), answer.headers(), answer.contentType(), answer.body());
    }
}
