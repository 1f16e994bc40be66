package io.convro.edge;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.DateFormatter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.AsciiString;
import java.util.Date;
import java.util.Map;

/**
 * A {@link RestAnswer} as HTTP: its status, its headers, then {@code Date}, {@code Content-Type} and {@code
 * Content-Length}, and what the connection does after it ({@code Connection: close}, or {@code keep-alive} for an
 * HTTP/1.0 client that asked for it). The answer to {@code HEAD} has the headers of the body and no body.
 */
final class WireAnswers {
    private static final AsciiString DATE = AsciiString.cached("Date");
    private static final AsciiString CONTENT_TYPE = AsciiString.cached("Content-Type");
    private static final AsciiString CONTENT_LENGTH = AsciiString.cached("Content-Length");
    private static final byte[] NO_BYTES = new byte[0];

    private WireAnswers() {
    }

    /**
     * @param keepAlive whether the connection stays open after it ({@code false}: {@code Connection: close})
     */
    static FullHttpResponse of(RestAnswer answer, boolean http10, boolean keepAlive, boolean head) {
        byte[] body = answer.body() == null ? NO_BYTES : answer.body();
        FullHttpResponse response = new DefaultFullHttpResponse(http10 ? HttpVersion.HTTP_1_0 : HttpVersion.HTTP_1_1,
                HttpResponseStatus.valueOf(answer.status()), head ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(body));
        HttpHeaders headers = response.headers();
        for (Map.Entry<String, String> header : answer.headers().entrySet()) {
            headers.set(header.getKey(), header.getValue());
        }
        headers.set(DATE, HttpDate.now());
        if (answer.contentType() != null) {
            headers.set(CONTENT_TYPE, answer.contentType());
        }
        headers.setInt(CONTENT_LENGTH, body.length);
        if (!keepAlive) {
            headers.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        } else if (http10) {
            headers.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
        }
        return response;
    }

    /** The port's own refusal of a request (the API's error shape): the connection closes after it. */
    static FullHttpResponse refusal(RestApi rest, int status, String path) {
        return of(rest.refusal(status, path), false, false, false);
    }

    /** The {@code Date} header's value, made once a second. */
    private static final class HttpDate {
        private static volatile Stamp current = new Stamp(0, "");

        private record Stamp(long second, String text) {
        }

        static String now() {
            long second = System.currentTimeMillis() / 1000;
            Stamp stamp = current;
            if (stamp.second() != second) {
                stamp = new Stamp(second, DateFormatter.format(new Date(second * 1000)));
                current = stamp;
            }
            return stamp.text();
        }
    }
}
