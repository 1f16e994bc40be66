package io.convro.edge;

import java.util.function.Function;

/**
 * One REST request as the public port parsed it.
 *
 * @param path     the path as sent (not decoded), without the query
 * @param rawQuery the query as sent, {@code null} without one
 * @param header   a header's value by name (case-insensitive), {@code null} when absent; {@code X-Forwarded-For} ends
 *                 with the address of the peer the port saw, as a proxy in front of the API would append it
 * @param body     the whole body, within the path's limit
 */
public record RestRequest(String method, String path, String rawQuery, Function<String, String> header, byte[] body) {
}
