package io.convro.edge;

import java.util.Map;

/**
 * A finished REST answer: the port writes it with {@code Date}, {@code Content-Length} and the connection's framing.
 *
 * @param headers     the answer's own headers, in order
 * @param contentType {@code null} for none (an answer without a body)
 * @param body        {@code null} for none
 */
public record RestAnswer(int status, Map<String, String> headers, String contentType, byte[] body) {
}
