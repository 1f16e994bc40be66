package io.convro.adapter.http;

/**
 * A finished REST answer: its status, its JSON body ({@code application/json}, UTF-8) and, for a {@code 429} or
 * {@code 503}, its {@code Retry-After} in whole seconds ({@code null} otherwise).
 */
public record JsonAnswer(int status, byte[] body, String retryAfter) {
    /** An answer without {@code Retry-After}. */
    public JsonAnswer(int status, byte[] body) {
        this(status, body, null);
    }
}
