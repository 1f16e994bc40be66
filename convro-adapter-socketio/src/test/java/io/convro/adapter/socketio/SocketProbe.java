package io.convro.adapter.socketio;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.socket.client.IO;
import io.socket.client.Manager;
import io.socket.client.Socket;
import io.socket.engineio.client.Transport;
import io.socket.engineio.client.transports.Polling;
import io.socket.engineio.client.transports.WebSocket;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import okhttp3.OkHttpClient;

/** A real {@code io.socket:socket.io-client} socket that records every event it sees, in order. */
final class SocketProbe implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One event as the client saw it; {@code payload} is its first argument as JSON text, or {@code null}. */
    record Seen(String name, String payload) {
        JsonNode json() {
            try {
                return JSON.readTree(payload);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** The transports the client may use: one of them only, or the client's default (polling, then websocket). */
    enum Via { WEBSOCKET, POLLING, DEFAULT }

    private final Socket socket;
    private final OkHttpClient http;
    private final List<Seen> seen = new CopyOnWriteArrayList<>();
    private volatile String transport;

    private SocketProbe(Socket socket, OkHttpClient http) {
        this.socket = socket;
        this.http = http;
        for (String name : List.of(Socket.EVENT_CONNECT, Socket.EVENT_CONNECT_ERROR, Socket.EVENT_DISCONNECT, "pong",
                "dm:message", "dm:receipt", "dm:session:incoming", "dm:session:accepted", "prekeys:low",
                "device:revoked")) {
            socket.on(name, args -> seen.add(new Seen(name, args.length == 0 || args[0] == null ? null : args[0].toString())));
        }
        // the engine names each transport it switches to, the first one and an upgrade alike
        socket.io().on(Manager.EVENT_TRANSPORT, args -> transport = ((Transport) args[0]).name);
    }

    /** Connect to {@code port} over {@code via}, the token in the auth payload and/or the query (either may be null). */
    static SocketProbe connect(int port, Via via, String authToken, String queryToken) {
        io.socket.client.SocketOptionBuilder options = IO.Options.builder()
                .setForceNew(true)
                .setReconnection(false)
                .setPath("/socket.io");
        if (via != Via.DEFAULT) {
            options.setTransports(new String[] {via == Via.WEBSOCKET ? WebSocket.NAME : Polling.NAME});
        }
        if (authToken != null) {
            options.setAuth(Map.of("token", authToken));
        }
        if (queryToken != null) {
            options.setQuery("token=" + queryToken);
        }
        // the client's shared OkHttp allows 5 requests per host, and a closed polling socket leaves its long poll
        // hanging until the server's next ping: each probe gets its own OkHttp and cancels it on close
        OkHttpClient http = new OkHttpClient();
        IO.Options built = options.build();
        built.callFactory = http;
        built.webSocketFactory = http;
        SocketProbe probe = new SocketProbe(IO.socket(URI.create("http://127.0.0.1:" + port), built), http);
        probe.socket.connect();
        return probe;
    }

    Socket socket() {
        return socket;
    }

    /** The transport the client is on now ({@code polling} or {@code websocket}), or null before the first one. */
    String transport() {
        return transport;
    }

    List<Seen> seen() {
        return List.copyOf(seen);
    }

    List<String> names() {
        return seen.stream().map(Seen::name).toList();
    }

    boolean saw(String name) {
        return seen.stream().anyMatch(event -> event.name().equals(name));
    }

    Optional<Seen> first(String name) {
        return seen.stream().filter(event -> event.name().equals(name)).findFirst();
    }

    @Override
    public void close() {
        socket.close();
        http.dispatcher().cancelAll();
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }

    static int freePort() {
        try (ServerSocket probe = new ServerSocket(0)) {
            probe.setReuseAddress(true);
            return probe.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
