package io.convro.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A minimal Socket.IO v4 client over one websocket (JDK {@link WebSocket}): engine.io open, namespace connect
 * with {@code {"token":…}}, pongs for the server's pings, and every event text to {@code events}. Small enough
 * that ten thousand of them fit in one JVM and a few hundred cost the machine almost nothing.
 */
final class SocketClient implements WebSocket.Listener {
    private final String token;
    private final Consumer<String> events;
    private final CompletableFuture<Void> connected = new CompletableFuture<>();
    private final CompletableFuture<Void> closed = new CompletableFuture<>();
    private final StringBuilder partial = new StringBuilder();
    private volatile WebSocket socket;

    private SocketClient(String token, Consumer<String> events) {
        this.token = token;
        this.events = events;
    }

    /** Connects; the future completes once the namespace accepted the token. */
    static CompletableFuture<SocketClient> connect(HttpClient http, URI base, String token, Consumer<String> events) {
        SocketClient client = new SocketClient(token, events);
        URI uri = URI.create("ws://" + base.getHost() + ":" + base.getPort() + "/socket.io/?EIO=4&transport=websocket");
        return http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10)).buildAsync(uri, client)
                .thenCompose(socket -> client.connected.orTimeout(30, TimeUnit.SECONDS)).thenApply(ignored -> client)
                .whenComplete((ignored, refused) -> {
                    if (refused != null) {
                        client.close(); // a refused namespace leaves the engine.io connection open
                    }
                });
    }

    @Override
    public void onOpen(WebSocket webSocket) {
        this.socket = webSocket;
        webSocket.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            String text = partial.toString();
            partial.setLength(0);
            handle(webSocket, text);
        }
        webSocket.request(1);
        return null;
    }

    private void handle(WebSocket webSocket, String text) {
        if (text.startsWith("42")) {
            events.accept(text);
        } else if (text.equals("2")) {
            webSocket.sendText("3", true);
        } else if (text.startsWith("0")) {
            webSocket.sendText("40{\"token\":\"" + token + "\"}", true);
        } else if (text.startsWith("40")) {
            connected.complete(null);
        } else if (text.startsWith("44")) {
            connected.completeExceptionally(new IllegalStateException("socket refused: " + text));
        }
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        connected.completeExceptionally(new IllegalStateException("socket closed: " + statusCode + " " + reason));
        closed.complete(null);
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        connected.completeExceptionally(error);
        closed.complete(null);
    }

    /** Completes when the connection ends, whichever side ended it (a server that died, a socket this side aborted). */
    CompletableFuture<Void> closed() {
        return closed;
    }

    void close() {
        if (socket != null) {
            socket.abort();
        }
        closed.complete(null);
    }
}
