package io.convro.bootstrap.realtime;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One Convro node as production runs it: {@code java -jar target/convro-server.jar} in its own process,
 * configured only through the environment; output goes to {@code target/it-logs/<name>.log}.
 */
final class ServerProcess implements AutoCloseable {
    private final String name;
    private final Process process;
    private final int port;
    private final Integer socketIoPort;
    private final Path log;

    private ServerProcess(String name, Process process, int port, Integer socketIoPort, Path log) {
        this.name = name;
        this.process = process;
        this.port = port;
        this.socketIoPort = socketIoPort;
        this.log = log;
    }

    /** Start a node on free ports; {@code twoPorts} gives Socket.IO its own port. Returns once /health answers 200. */
    static ServerProcess start(String name, Map<String, String> env, boolean twoPorts) {
        Path jar = Path.of(System.getProperty("convro.serverJar", "target/convro-server.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: integration tests run after `package` (mvn verify)");
        }
        int port = freePort();
        Integer socketIoPort = twoPorts ? freePort() : null;
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:TieredStopAtLevel=1", "-jar", jar.toString()));
        try {
            Path logs = Files.createDirectories(Path.of("target", "it-logs"));
            Path log = logs.resolve(name + ".log");
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().keySet().removeIf(key -> key.startsWith("CONVRO_"));
            builder.environment().putAll(env);
            builder.environment().put("CONVRO_HTTP_HOST", "127.0.0.1");
            builder.environment().put("CONVRO_HTTP_PORT", Integer.toString(port));
            if (socketIoPort != null) {
                builder.environment().put("CONVRO_SOCKETIO_PORT", Integer.toString(socketIoPort));
            }
            ServerProcess server = new ServerProcess(name, builder.start(), port, socketIoPort, log);
            server.awaitHealthy();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    URI base() {
        return URI.create("http://127.0.0.1:" + port);
    }

    int port() {
        return port;
    }

    int socketIoPort() {
        return socketIoPort == null ? port : socketIoPort;
    }

    private void awaitHealthy() {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest health = HttpRequest.newBuilder(base().resolve("/health")).timeout(Duration.ofSeconds(2)).build();
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250)).until(() -> {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + "; see " + log.toAbsolutePath());
            }
            try {
                return http.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
            } catch (IOException notYetListening) {
                return false;
            }
        });
    }

    /** SIGTERM (graceful stop), then a kill if it does not end in time. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
