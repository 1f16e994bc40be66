package io.convro.edge;

import io.socket.client.Ack;
import io.socket.client.IO;
import io.socket.client.Manager;
import io.socket.client.Socket;
import io.socket.engineio.client.Transport;
import java.net.URI;
import java.util.concurrent.CompletableFuture;
import okhttp3.OkHttpClient;

/**
 * A real {@code io.socket:socket.io-client} socket on one transport only, with its own OkHttp so that closing it
 * leaves no long poll or pooled connection behind.
 */
final class SocketIoClient implements AutoCloseable {

    private final Socket socket;
    private final OkHttpClient http = new OkHttpClient();
    private final CompletableFuture<Void> connected = new CompletableFuture<>();
    private volatile String transport;

    SocketIoClient(int port, String only) {
        IO.Options options = IO.Options.builder()
                .setTransports(new String[] {only})
                .setForceNew(true)
                .setReconnection(false)
                .setPath("/socket.io")
                .build();
        options.callFactory = http;
        options.webSocketFactory = http;
        socket = IO.socket(URI.create("http://127.0.0.1:" + port), options);
        socket.on(Socket.EVENT_CONNECT, args -> connected.complete(null));
        socket.on(Socket.EVENT_CONNECT_ERROR, args -> connected.completeExceptionally(
                new IllegalStateException("connect error: " + (args.length == 0 ? "" : args[0]))));
        socket.io().on(Manager.EVENT_TRANSPORT, args -> transport = ((Transport) args[0]).name);
        socket.connect();
    }

    /** Completes once the namespace is connected. */
    CompletableFuture<Void> connected() {
        return connected;
    }

    /** Emits {@code event} with {@code data}; completes with the first argument of the server's ack. */
    CompletableFuture<Object> emitWithAck(String event, String data) {
        CompletableFuture<Object> ack = new CompletableFuture<>();
        socket.emit(event, new Object[] {data}, (Ack) reply -> ack.complete(reply.length == 0 ? null : reply[0]));
        return ack;
    }

    boolean isConnected() {
        return socket.connected();
    }

    /** The transport the engine uses now ({@code polling} or {@code websocket}), {@code null} before the first. */
    String transport() {
        return transport;
    }

    @Override
    public void close() {
        socket.close();
        http.dispatcher().cancelAll();
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }
}
