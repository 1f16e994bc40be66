package io.convro.adapter.http.web;

import io.convro.adapter.http.chain.ApiAnswer;
import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpHeaderValue;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty's own answers (a request it cannot parse or will not route: a bad escape, NUL or {@code ..} in the path, an
 * absolute-form URI, bad UTF-8, a body that is too slow) in the API's error shape from {@link ErrorMapper#forStatus}
 * instead of its HTML error page, with the headers every answer carries. A client error closes the connection: what
 * follows it on the connection cannot be trusted to be in step.
 */
public final class JsonErrorHandler extends ErrorHandler {
    private final ErrorMapper errors;

    public JsonErrorHandler(ErrorMapper errors) {
        this.errors = errors;
        setShowStacks(false);
        setShowMessageInTitle(false);
    }

    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
                                    Callback callback) {
        ApiAnswer answer = errors.forStatus(code);
        response.setStatus(answer.status());
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.getHeaders().put(SecurityHeaders.NOSNIFF_NAME, SecurityHeaders.NOSNIFF_VALUE);
        response.getHeaders().put("X-Frame-Options", "DENY");
        response.getHeaders().put("Referrer-Policy", "no-referrer");
        if (answer.retryAfter() != null) {
            response.getHeaders().put(HttpHeader.RETRY_AFTER, answer.retryAfter());
        }
        if (answer.status() >= 400 && answer.status() < 500) {
            response.getHeaders().put(HttpHeader.CONNECTION, HttpHeaderValue.CLOSE.asString());
        }
        response.write(true, ByteBuffer.wrap(answer.body()), callback);
    }
}
