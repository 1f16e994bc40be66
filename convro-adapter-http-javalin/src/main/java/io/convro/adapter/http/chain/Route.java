package io.convro.adapter.http.chain;

import io.convro.application.shared.Caller;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * One route of the REST API: its method and path pattern ({@code /v1/groups/{groupId}/messages}), who may call it,
 * which budget per client address it draws from ({@code null}: none), and its handler. A route that {@code blocks}
 * (most do: they wait for the database, or hash a password) runs only on a thread that may wait: a binding that
 * calls the chain from an event loop has it run on a bounded pool. A non-blocking route answers with a stage
 * and never waits on the calling thread (the send route).
 *
 * @param limitBucket the name its per-address buckets start with ({@code login}); {@code null} without a limit
 */
public record Route(String method, String path, Access access, PerAddressLimit limit, String limitBucket,
                    boolean blocks, Handler handler) {
    public Route {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(access, "access");
        Objects.requireNonNull(handler, "handler");
        if ((limit == null) != (limitBucket == null)) {
            throw new IllegalArgumentException("a limited route names its bucket, and only a limited one");
        }
        if (limit != null && !blocks) {
            // the limiter may call Redis, so the chain checks a limit only where the thread may wait: a route that
            // never waits would be answered from an event loop without it
            throw new IllegalArgumentException("a route limited per address must be a blocking one");
        }
    }

    /** What a route does: may throw (a rejection), or answer with a failed stage; the chain maps both. */
    @FunctionalInterface
    public interface Handler {
        /** @param caller the authenticated caller of a {@link Access#BEARER} route, {@code null} on a public one */
        CompletionStage<ApiAnswer> answer(ApiRequest request, Caller caller);
    }

    /** A handler that answers on the thread it runs on (and may wait there). */
    @FunctionalInterface
    public interface BlockingHandler {
        ApiAnswer answer(ApiRequest request, Caller caller);
    }

    /** A route that waits (for the database, a hash, ...) on the thread that runs it. */
    public static Route blocking(String method, String path, Access access, BlockingHandler handler) {
        return new Route(method, path, access, null, null, true,
                (request, caller) -> CompletableFuture.completedFuture(handler.answer(request, caller)));
    }

    /** A route that never waits on the calling thread: its answer completes later. */
    public static Route nonBlocking(String method, String path, Access access, Handler handler) {
        return new Route(method, path, access, null, null, false, handler);
    }

    /** This route, drawing one permit per request from the client address's {@code bucket} of {@code limit}. */
    public Route limitedPerAddress(PerAddressLimit perAddress, String bucket) {
        return new Route(method, path, access, perAddress, bucket, blocks, handler);
    }

    /** {@code GET} and {@code HEAD} on the same path: every public {@code GET} answers {@code HEAD} too. */
    public Route asHead() {
        return new Route("HEAD", path, access, limit, limitBucket, blocks, handler);
    }
}
