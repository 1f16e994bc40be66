package io.convro.adapter.http.web;

import io.convro.adapter.http.chain.ApiAnswer;
import io.convro.adapter.http.chain.ApiRequest;
import io.convro.adapter.http.chain.Chain;
import io.convro.adapter.http.chain.Route;
import io.convro.adapter.http.chain.RouteTable;
import io.convro.application.shared.Caller;
import io.convro.domain.DomainException;
import io.convro.domain.ErrorCode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpResponseException;
import io.javalin.router.Endpoint;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Collections;
import java.util.concurrent.CompletableFuture;

/**
 * The chain bound to Javalin, and nothing else: Javalin routes (its router answers 404 and 405), each request's
 * {@link Context} is read into an {@link ApiRequest}, the chain answers, and its {@link ApiAnswer} is written back.
 * Every concern (headers, limits, token, errors) is the chain's; Javalin's own answers (no route, wrong method) go
 * through the same error mapper.
 */
public final class JavalinBinding {
    private static final String REQUEST = "convro.request";
    /** Read size for a body of undeclared length (chunked). */
    private static final int CHUNK_BYTES = 4096;

    private final Chain chain;
    private final ErrorMapper errors;
    private final ClientAddress clientAddress;
    private final ServedRequests served;

    public JavalinBinding(Chain chain, ErrorMapper errors, ClientAddress clientAddress, ServedRequests served) {
        this.chain = chain;
        this.errors = errors;
        this.clientAddress = clientAddress;
        this.served = served;
    }

    /** Every route of the chain's table, in its order (Javalin tries path patterns in the order they were added). */
    public void bind(RoutesConfig routes) {
        routes.before(this::admit);
        routes.exception(HttpResponseException.class, (response, ctx) ->
                write(ctx, errors.forRouting(response.getStatus(), ctx.method().name(), ctx.path())));
        routes.exception(Exception.class, (failure, ctx) -> write(ctx, errors.answer(ctx.method().name(), ctx.path(), failure)));
        for (Route route : chain.table().routes()) {
            routes.addHttpHandler(HandlerType.findOrCreate(route.method()), route.path(), ctx -> serve(route, ctx));
        }
    }

    private void admit(Context ctx) {
        ApiRequest request = request(ctx);
        ctx.attribute(REQUEST, request);
        ApiAnswer early = chain.admit(request, ctx::header);
        if (early != null) {
            write(ctx, early);
            ctx.skipRemainingHandlers();
        } else if ("HEAD".equals(request.method())) {
            implicitHead(request);
        }
    }

    /**
     * Javalin answers {@code HEAD} on a path that only has a {@code GET} route itself (200, no body) without running
     * the route: the route's token is still checked first, so a protected {@code GET} answers {@code HEAD} without a
     * valid token {@code 401}, as it always did.
     */
    private void implicitHead(ApiRequest request) {
        if (chain.table().match("HEAD", request.path()) instanceof RouteTable.Match.MethodNotAllowed
                && chain.table().match("GET", request.path()) instanceof RouteTable.Match.Found get) {
            chain.checkToken(get.route(), request);
        }
    }

    /** On a request thread: the chain may wait here; an answer that completes later is written when it does. */
    private void serve(Route route, Context ctx) {
        ApiRequest request = ctx.attribute(REQUEST);
        CompletableFuture<ApiAnswer> answer = chain.serve(route, request.withPathParams(ctx.pathParamMap()), true)
                .toCompletableFuture();
        if (answer.isDone()) {
            write(ctx, answer.join());
        } else {
            ctx.future(() -> answer.thenAccept(done -> write(ctx, done)));
        }
    }

    private ApiRequest request(Context ctx) {
        return new ApiRequest(ctx.method().name(), ctx.path(), ctx.req().getQueryString(), ctx::header, ctx::queryParams,
                ctx.req().getContentLengthLong(), new Body(ctx),
                () -> clientAddress.of(ctx.req().getRemoteAddr(),
                        () -> Collections.list(ctx.req().getHeaders(ClientAddress.FORWARDED_FOR))));
    }

    private static void write(Context ctx, ApiAnswer answer) {
        ctx.status(answer.status());
        answer.headers().forEach(ctx::header);
        if (answer.contentType() != null) {
            ctx.contentType(answer.contentType());
        }
        if (answer.body() != null) {
            ctx.result(answer.body());
        }
    }

    /** One line and one timer update per answered request ({@code config.requestLogger}), {@code millis} after it began. */
    public void served(Context ctx, Float millis) {
        Endpoint endpoint = ctx.endpoints().matchedHttpEndpoint();
        int status = ctx.statusCode();
        String route = endpoint != null ? endpoint.path : status == 404 ? ServedRequests.NOT_FOUND : ServedRequests.UNKNOWN;
        ApiRequest request = ctx.attribute(REQUEST);
        Caller caller = request == null ? null : request.caller();
        long nanos = millis == null ? 0 : (long) (millis * 1_000_000.0);
        String client = request != null ? request.client()
                : clientAddress.of(ctx.req().getRemoteAddr(), () -> Collections.list(ctx.req().getHeaders(ClientAddress.FORWARDED_FOR)));
        served.served(ctx.method().name(), route, status, nanos, client, caller == null ? null : caller.deviceId());
    }

    /** The servlet request's body stream, read within the path's limit. */
    private record Body(Context ctx) implements ApiRequest.Body {
        @Override
        public byte[] read(int limit) {
            long declared = ctx.req().getContentLengthLong();
            try (InputStream in = ctx.req().getInputStream()) {
                if (declared >= 0 && declared <= limit) {
                    // the usual case: one array of the declared size (the chain already refused a larger declaration)
                    byte[] body = in.readNBytes((int) declared);
                    if (in.read() != -1) {
                        BodyLimit.drain(in, declared + 1);
                        throw BodyLimit.tooLarge(limit);
                    }
                    return body;
                }
                ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(limit, CHUNK_BYTES));
                byte[] chunk = new byte[CHUNK_BYTES];
                int read;
                while ((read = in.read(chunk)) != -1) {
                    if (out.size() + read > limit) {
                        BodyLimit.drain(in, out.size() + read);
                        throw BodyLimit.tooLarge(limit);
                    }
                    out.write(chunk, 0, read);
                }
                return out.toByteArray();
            } catch (IOException cut) {
                // the client stopped sending (or Jetty refused the rest): a client error nobody waits for
                throw new DomainException(ErrorCode.INVALID_JSON, "the request body ended before it was complete");
            }
        }

        @Override
        public void discard() {
            try (InputStream in = ctx.req().getInputStream()) {
                BodyLimit.drain(in, 0);
            } catch (IOException ignored) {
                // the client went away: nothing left to answer
            }
        }
    }
}
