package io.convro.bootstrap.realtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Debian's nginx binary run in the foreground with its own prefix, pid, logs and temp dirs under
 * {@code target/}, serving {@code docs/nginx/convro-two-port.conf} with the example's node addresses replaced.
 * The system nginx service is never touched.
 */
final class NginxProcess implements AutoCloseable {
    static final Path EXAMPLE = Path.of("..", "docs", "nginx", "convro-two-port.conf");

    private final Process process;
    private final int port;

    private NginxProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** @param replacements text of the example → what it becomes; each must occur in the example */
    static NginxProcess start(Path nginx, Map<String, String> replacements) {
        int port = ServerProcess.freePort();
        try {
            Path prefix = Files.createDirectories(Path.of("target", "nginx-" + port).toAbsolutePath());
            String site = Files.readString(EXAMPLE, StandardCharsets.UTF_8);
            for (Map.Entry<String, String> replacement : replacements.entrySet()) {
                assertThat(site).as("the nginx example names %s", replacement.getKey()).contains(replacement.getKey());
                site = site.replace(replacement.getKey(), replacement.getValue());
            }
            assertThat(site).as("the nginx example listens on port 80").contains("listen 80;");
            site = site.replace("listen 80;", "listen 127.0.0.1:" + port + ";");
            Files.writeString(prefix.resolve("convro.conf"), site, StandardCharsets.UTF_8);
            Files.writeString(prefix.resolve("nginx.conf"), mainConfig(prefix), StandardCharsets.UTF_8);
            Process process = new ProcessBuilder(List.of(nginx.toString(), "-p", prefix.toString(), "-c",
                    prefix.resolve("nginx.conf").toString(), "-e", prefix.resolve("error.log").toString()))
                    .redirectErrorStream(true).redirectOutput(prefix.resolve("stdout.log").toFile()).start();
            NginxProcess running = new NginxProcess(process, port);
            running.awaitReady(prefix);
            return running;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    URI base() {
        return URI.create("http://127.0.0.1:" + port);
    }

    private static String mainConfig(Path prefix) {
        String root = "0".equals(System.getProperty("user.name")) || "root".equals(System.getProperty("user.name")) ? "user root;\n" : "";
        return root + """
                worker_processes 1;
                daemon off;
                pid %1$s/nginx.pid;
                events { worker_connections 256; }
                http {
                    access_log %1$s/access.log;
                    client_body_temp_path %1$s/client_body;
                    proxy_temp_path %1$s/proxy;
                    fastcgi_temp_path %1$s/fastcgi;
                    uwsgi_temp_path %1$s/uwsgi;
                    scgi_temp_path %1$s/scgi;
                    include %1$s/convro.conf;
                }
                """.formatted(prefix);
    }

    private void awaitReady(Path prefix) {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest health = HttpRequest.newBuilder(base().resolve("/health")).timeout(Duration.ofSeconds(2)).build();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> {
            if (!process.isAlive()) {
                throw new IllegalStateException("nginx exited with " + process.exitValue() + ": "
                        + Files.readString(prefix.resolve("stdout.log")) + Files.readString(prefix.resolve("error.log")));
            }
            try {
                return http.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
            } catch (IOException notYet) {
                return false;
            }
        });
    }

    @Override
    public void close() {
        // SIGTERM: nginx's fast shutdown
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
