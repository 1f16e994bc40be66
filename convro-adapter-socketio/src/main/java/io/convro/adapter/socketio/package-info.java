/**
 * Convro's realtime adapter: Socket.IO v4 over netty-socketio 2.0.13 (API.md §7).
 *
 * <p>{@link io.convro.adapter.socketio.RealtimeServer} is the entry point: it checks the access token of every
 * socket in one place, puts admitted sockets in room {@code device:<deviceId>}, answers {@code ping}, and gives the
 * use cases a {@link io.convro.application.realtime.RealtimePublisher}. With a Redis URL, rooms (netty-socketio's
 * Redisson store) and device disconnects (topic {@code convro:device-revoked}) span every node.
 */
package io.convro.adapter.socketio;
