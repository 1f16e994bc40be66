package io.convro.bootstrap.realtime;

import com.fasterxml.jackson.databind.JsonNode;
import io.socket.client.IO;
import io.socket.client.Socket;
import io.socket.engineio.client.transports.Polling;
import io.socket.engineio.client.transports.WebSocket;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import okhttp3.OkHttpClient;

/** A real {@code io.socket:socket.io-client} 2.x socket that records every event it sees, in order. */
final class SocketProbe implements AutoCloseable {
    static final List<String> EVENTS = List.of(Socket.EVENT_CONNECT, Socket.EVENT_CONNECT_ERROR, Socket.EVENT_DISCONNECT,
            "pong", "dm:message", "dm:receipt", "dm:session:incoming", "dm:session:accepted", "prekeys:low", "device:revoked",
            "group:added", "group:message", "group:members", "group:removed");

    /** One event as the client saw it; {@code payload} is its first argument as JSON text, or {@code null}. */
    record Seen(String name, String payload) {
        JsonNode json() {
            try {
                return RestClient.JSON.readTree(payload);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    enum Via { WEBSOCKET, POLLING }

    /** Where the token travels: the v4 {@code auth} payload, or the {@code ?token=} query of the handshake. */
    enum TokenIn { AUTH, QUERY }

    private final Socket socket;
    private final OkHttpClient http;
    private final List<Seen> seen = new CopyOnWriteArrayList<>();

    private SocketProbe(Socket socket, OkHttpClient http) {
        this.socket = socket;
        this.http = http;
        for (String name : EVENTS) {
            socket.on(name, args -> seen.add(new Seen(name, args.length == 0 || args[0] == null ? null : args[0].toString())));
        }
    }

    /** Connect to the server at {@code base} over {@code via}; a {@code null} token sends none at all. */
    static SocketProbe connect(URI base, Via via, TokenIn tokenIn, String token) {
        io.socket.client.SocketOptionBuilder options = IO.Options.builder()
                .setForceNew(true)
                .setReconnection(false)
                .setTransports(new String[] {via == Via.WEBSOCKET ? WebSocket.NAME : Polling.NAME});
        if (token != null && tokenIn == TokenIn.AUTH) {
            options.setAuth(Map.of("token", token));
        }
        if (token != null && tokenIn == TokenIn.QUERY) {
            options.setQuery("token=" + token);
        }
        // own OkHttp per probe: the shared one allows 5 requests per host, and a closed polling socket would
        // leave its long poll hanging until the server's next ping
        OkHttpClient http = new OkHttpClient();
        IO.Options built = options.build();
        built.callFactory = http;
        built.webSocketFactory = http;
        SocketProbe probe = new SocketProbe(IO.socket(base, built), http);
        probe.socket.connect();
        return probe;
    }

    Socket socket() {
        return socket;
    }

    List<String> names() {
        return seen.stream().map(Seen::name).toList();
    }

    boolean saw(String name) {
        return seen.stream().anyMatch(event -> event.name().equals(name));
    }

    long count(String name) {
        return seen.stream().filter(event -> event.name().equals(name)).count();
    }

    Optional<Seen> first(String name) {
        return seen.stream().filter(event -> event.name().equals(name)).findFirst();
    }

    List<Seen> all(String name) {
        return seen.stream().filter(event -> event.name().equals(name)).toList();
    }

    @Override
    public void close() {
        socket.close();
        http.dispatcher().cancelAll();
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }
}
