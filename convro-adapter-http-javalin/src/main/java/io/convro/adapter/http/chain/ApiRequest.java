package io.convro.adapter.http.chain;

import io.convro.adapter.http.web.BodyLimit;
import io.convro.application.shared.Caller;
import io.convro.domain.DomainException;
import io.convro.domain.ErrorCode;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * One REST request as the chain and the routes see it, whatever parsed it: method, path (as sent, without the
 * query), the path parameters of the matched route, query parameters (decoded), headers, the body, and the client's
 * address. The body is read when a route asks for it, after the limits and the token were checked, and at most once.
 * Used by one thread at a time.
 */
public final class ApiRequest {
    /** A request's body, as the binding that parsed the request can read it. */
    public interface Body {
        /**
         * The whole body, at most {@code limit} bytes: past it {@code PAYLOAD_TOO_LARGE} (the rest read and dropped,
         * up to {@link BodyLimit#DRAIN_LIMIT_BYTES}); a body cut short is {@code INVALID_JSON}.
         */
        byte[] read(int limit);

        /** The body is not wanted: read and drop it (up to the drain limit) so a client still sending sees the answer. */
        void discard();

        /** A body read already (within its limit). */
        static Body of(byte[] whole) {
            return new Body() {
                @Override
                public byte[] read(int limit) {
                    if (whole.length > limit) {
                        throw BodyLimit.tooLarge(limit);
                    }
                    return whole;
                }

                @Override
                public void discard() {
                }
            };
        }
    }

    private static final byte[] NO_BYTES = new byte[0];

    private final String method;
    private final String path;
    private final String rawQuery;
    private final Function<String, String> header;
    private final Function<String, List<String>> query;
    private final long declaredLength;
    private final Body body;
    private final Supplier<String> client;
    private Map<String, String> pathParams = Map.of();
    private byte[] bodyBytes;
    private String clientAddress;
    private Caller caller;

    /**
     * @param path           the path as sent (not decoded), without the query
     * @param rawQuery       the query as sent, {@code null} without one
     * @param header         a header's value by name (case-insensitive), {@code null} when absent
     * @param query          a query parameter's values by name (decoded), empty when absent
     * @param declaredLength the body's {@code Content-Length}, {@code -1} when none was declared
     * @param client         the client's address (computed only when asked for: rate limits, request lines)
     */
    public ApiRequest(String method, String path, String rawQuery, Function<String, String> header,
                      Function<String, List<String>> query, long declaredLength, Body body, Supplier<String> client) {
        this.method = method;
        this.path = path;
        this.rawQuery = rawQuery;
        this.header = header;
        this.query = query;
        this.declaredLength = declaredLength;
        this.body = body;
        this.client = client;
    }

    public String method() {
        return method;
    }

    public String path() {
        return path;
    }

    public String rawQuery() {
        return rawQuery;
    }

    public String header(String name) {
        return header.apply(name);
    }

    /** Every value of query parameter {@code name}, empty when absent. */
    public List<String> queryParams(String name) {
        return query.apply(name);
    }

    /** The matched route's path parameter {@code name} ({@code {deviceId}} in its path), decoded. */
    public String pathParam(String name) {
        String value = pathParams.get(name);
        if (value == null) {
            throw new IllegalArgumentException("the route has no path parameter " + name);
        }
        return value;
    }

    /** For the binding that matched the route. */
    public ApiRequest withPathParams(Map<String, String> params) {
        this.pathParams = params;
        return this;
    }

    public long declaredLength() {
        return declaredLength;
    }

    /** The whole body within its path's limit ({@link BodyLimit}); read once, on first call. */
    public byte[] body() {
        if (bodyBytes == null) {
            bodyBytes = body == null ? NO_BYTES : body.read(BodyLimit.bytesFor(path));
        }
        return bodyBytes;
    }

    /** Read and drop the body: the request is answered without it. */
    void discardBody() {
        if (body != null) {
            body.discard();
        }
    }

    /** The client's address as the trusted proxies tell it, {@code null} when unknown. */
    public String client() {
        if (clientAddress == null && client != null) {
            clientAddress = client.get();
        }
        return clientAddress;
    }

    /** The caller the token named, once the chain checked it; {@code null} before, or on a public route. */
    public Caller caller() {
        return caller;
    }

    void authenticated(Caller checked) {
        this.caller = checked;
    }

    /** The caller of a route behind a bearer token (the chain checked it before the route runs). */
    Caller requireCaller() {
        if (caller == null) {
            throw new DomainException(ErrorCode.INTERNAL_ERROR, "no caller: the route is not behind the token check");
        }
        return caller;
    }
}
