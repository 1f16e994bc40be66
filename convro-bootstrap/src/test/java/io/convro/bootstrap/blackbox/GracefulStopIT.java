package io.convro.bootstrap.blackbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.socket.client.IO;
import io.socket.client.Socket;
import io.socket.engineio.client.transports.Polling;
import io.socket.engineio.client.transports.WebSocket;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The graceful stop as an orchestrator does it: SIGTERM to {@code java … -jar convro-server.jar} with sockets connected
 * (websocket and long-polling) and sends in flight. The process must be gone within 5 s (the usual grace before a
 * SIGKILL is 10 s: Docker's default, and Kubernetes' 30 s is often cut down), having finished or refused every request
 * in flight (never a 500), and every send it acknowledged must be there after a restart on the same data.
 */
class GracefulStopIT {
    private static final Path JAR = Path.of("target", "convro-server.jar");
    private static final Duration LIMIT = Duration.ofSeconds(5);
    private static final int SOCKETS_PER_TRANSPORT = 10;
    @TempDir
    Path work;
    private Process running;
    private final List<Socket> sockets = new ArrayList<>();
    private final List<OkHttpClient> clients = new ArrayList<>();

    @AfterEach
    void cleanUp() throws InterruptedException {
        sockets.forEach(Socket::close);
        for (OkHttpClient client : clients) {
            client.dispatcher().cancelAll();
            client.dispatcher().executorService().shutdown();
            client.connectionPool().evictAll();
        }
        if (running != null && running.isAlive()) {
            running.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void sigtermWithSocketsConnectedAndSendsInFlightExitsWithinFiveSecondsKeepingEveryAcknowledgedSend() throws Exception {
        assertThat(JAR).as("mvn package builds the shaded jar before integration tests").isRegularFile();
        Path data = Files.createDirectories(work.resolve("data"));
        int port = freePort();
        BlackBoxHttp http = start(data, port, "before");
        SendBurst.Pair pair = SendBurst.Pair.open(http, "stopper");

        AtomicInteger connected = new AtomicInteger();
        AtomicInteger disconnected = new AtomicInteger();
        for (String transport : new String[] {WebSocket.NAME, Polling.NAME}) {
            for (int i = 0; i < SOCKETS_PER_TRANSPORT; i++) {
                JsonNode owner = i % 2 == 0 ? pair.alice() : pair.bob();
                sockets.add(connect(port, transport, owner.path("accessToken").asText(), connected, disconnected));
            }
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> connected.get() == sockets.size());

        SendBurst burst = new SendBurst(http, pair, 4, "graceful");
        await().atMost(Duration.ofSeconds(60)).until(() -> burst.acknowledgedCount() >= 40);

        long signalled = System.nanoTime();
        running.destroy(); // SIGTERM, with the burst still sending
        boolean exited = running.waitFor(LIMIT.toMillis() * 3, TimeUnit.MILLISECONDS);
        Duration took = Duration.ofNanos(System.nanoTime() - signalled);
        List<SendBurst.Acknowledged> acknowledged = burst.stop();
        System.out.printf("graceful stop: exited %s after %d ms with %d sockets connected, %d sends acknowledged, exit code %s%n",
                exited, took.toMillis(), sockets.size(), acknowledged.size(), exited ? running.exitValue() : "-");

        assertThat(exited).as("the server exits after SIGTERM").isTrue();
        assertThat(took).as("SIGTERM to exit, with %d sockets and sends in flight", sockets.size()).isLessThan(LIMIT);
        assertThat(running.exitValue()).as("a graceful stop is a clean exit (143 = killed by the signal)").isIn(0, 143);
        assertThat(Files.readString(work.resolve("before.out"))).contains("Stopped");
        assertThat(burst.otherAnswers()).as("while stopping, a request is answered 2xx, refused, or 503: never a 500")
                .allSatisfy(answer -> assertThat(answer).doesNotStartWith("500").doesNotStartWith("undocumented"));
        await("every socket learns the server went away").atMost(Duration.ofSeconds(30))
                .until(() -> disconnected.get() == sockets.size());

        Map<Long, String> stored = pair.storedMessages(start(data, freePort(), "after"));
        assertThat(stored.keySet()).as("every send answered 2xx is there after the restart")
                .containsAll(acknowledged.stream().map(SendBurst.Acknowledged::messageId).toList());
    }

    private Socket connect(int port, String transport, String token, AtomicInteger connected, AtomicInteger disconnected) {
        OkHttpClient client = new OkHttpClient();
        clients.add(client);
        IO.Options options = IO.Options.builder().setForceNew(true).setReconnection(false)
                .setTransports(new String[] {transport}).setAuth(Map.of("token", token)).build();
        options.callFactory = client;
        options.webSocketFactory = client;
        Socket socket = IO.socket(URI.create("http://127.0.0.1:" + port), options);
        socket.on(Socket.EVENT_CONNECT, args -> connected.incrementAndGet());
        socket.on(Socket.EVENT_DISCONNECT, args -> disconnected.incrementAndGet());
        socket.connect();
        return socket;
    }

    private BlackBoxHttp start(Path data, int port, String name) throws IOException {
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "-jar", JAR.toAbsolutePath().toString());
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectOutput(work.resolve(name + ".out").toFile())
                .redirectError(work.resolve(name + ".err").toFile());
        builder.environment().keySet().removeIf(variable -> variable.startsWith("CONVRO_") || variable.endsWith("JAVA_OPTIONS"));
        builder.environment().putAll(Map.of("CONVRO_HTTP_HOST", "127.0.0.1", "CONVRO_HTTP_PORT", Integer.toString(port),
                "CONVRO_DATA_DIR", data.toString()));
        running = builder.start();
        Process process = running;
        BlackBoxHttp http = new BlackBoxHttp(port, code -> { });
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250)).ignoreExceptions().until(() -> {
            assertThat(process.isAlive()).as("the jar is running; see %s.out/.err", name).isTrue();
            return http.get(null, "/health").status() == 200;
        });
        return http;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
