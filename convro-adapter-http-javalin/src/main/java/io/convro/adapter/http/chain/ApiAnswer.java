package io.convro.adapter.http.chain;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A finished REST answer, whatever carries it to the client: its status, headers of its own ({@code Retry-After},
 * {@code Cache-Control}, a page's Content-Security-Policy, the headers every answer carries once the chain added
 * them), its {@code Content-Type} and its body ({@code null} for none, as a CORS preflight's {@code 204}).
 */
public record ApiAnswer(int status, Map<String, String> headers, String contentType, byte[] body) {
    public static final String JSON = "application/json";
    public static final String RETRY_AFTER = "Retry-After";

    /** A JSON answer without headers of its own. */
    public static ApiAnswer json(int status, byte[] body) {
        return new ApiAnswer(status, Map.of(), JSON, body);
    }

    /** A JSON answer with {@code Retry-After} ({@code null}: without). */
    public static ApiAnswer json(int status, byte[] body, String retryAfter) {
        return retryAfter == null ? json(status, body) : new ApiAnswer(status, Map.of(RETRY_AFTER, retryAfter), JSON, body);
    }

    /** Whole seconds to wait before trying again ({@code 429}, {@code 503}); {@code null} for none. */
    public String retryAfter() {
        return headers.get(RETRY_AFTER);
    }

    /** A header of this answer, {@code null} when absent. */
    public String header(String name) {
        return headers.get(name);
    }

    /** This answer with one more header. */
    public ApiAnswer with(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new ApiAnswer(status, more, contentType, body);
    }

    /** This answer with {@code first} ahead of its own headers (its own win where both name one). */
    ApiAnswer after(Map<String, String> first) {
        if (first.isEmpty()) {
            return this;
        }
        Map<String, String> all = new LinkedHashMap<>(first);
        all.putAll(headers);
        return new ApiAnswer(status, all, contentType, body);
    }
}
