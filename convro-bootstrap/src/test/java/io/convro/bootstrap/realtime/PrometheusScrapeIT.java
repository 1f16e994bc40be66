package io.convro.bootstrap.realtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The node as an operator runs it ({@code java -jar}, {@code CONVRO_LOG_FORMAT=json}), scraped by Debian's
 * {@code prometheus}: one series of each kind (JVM, the request timer, a {@code convro_} meter, HikariCP's pool) is
 * queried through Prometheus' HTTP API, {@code promtool check metrics} accepts {@code /metrics}, and the node's log is
 * JSON lines with a request line per request and not one secret. Prometheus is required when {@code CI=true}.
 */
class PrometheusScrapeIT {
    private static final String NAME = "prometheus-scrape";
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    @Test
    void prometheusScrapesEveryKindOfSeriesAndTheLogIsJsonWithoutSecrets() throws Exception {
        Path prometheus = TestServices.executable("prometheus (apt-get install prometheus)", "/usr/bin/prometheus");
        Path promtool = TestServices.executable("promtool (apt-get install prometheus)", "/usr/bin/promtool");
        OperationsFlow flow;
        try (ServerProcess node = ServerProcess.start(NAME, Map.of(
                "CONVRO_DATA_DIR", dir.resolve("data").toString(),
                "CONVRO_JWT_SECRET", RunningServer.JWT_SECRET,
                "CONVRO_AUTH_RATE_LIMIT", "0",
                "CONVRO_LOG_FORMAT", "json"), false)) {
            flow = new OperationsFlow(node.base());
            assertThat(flow.run()).isEqualTo(201);

            HttpResponse<String> metrics = OperationsFlow.getText(node.base(), "/metrics", null);
            assertThat(metrics.statusCode()).isEqualTo(200);
            assertThat(metrics.body()).contains("jvm_memory_used_bytes", "http_server_requests_seconds");
            assertThat(metrics.body().lines().filter(line -> line.startsWith("convro_")).map(line -> line.split("[{ ]")[0])
                    .distinct().count()).isGreaterThanOrEqualTo(3);
            promtoolAccepts(promtool, metrics.body());

            try (Prometheus server = Prometheus.start(prometheus, dir.resolve("prometheus"), node.port())) {
                assertThat(server.awaitSeries("jvm_memory_used_bytes{job=\"convro\",area=\"heap\"}")).isPositive();
                assertThat(server.awaitSeries("http_server_requests_seconds_count{job=\"convro\","
                        + "uri=\"/v1/dm/messages/send\",method=\"POST\",status=\"201\"}")).isEqualTo(1);
                assertThat(server.awaitSeries("convro_messages_stored_total{job=\"convro\"}")).isEqualTo(1);
                assertThat(server.awaitSeries("hikaricp_connections{job=\"convro\",pool=\"convro-db\"}")).isPositive();
            }
        }
        List<String> lines = Files.readAllLines(Path.of("target", "it-logs", NAME + ".log"), StandardCharsets.UTF_8);
        List<JsonNode> json = new ArrayList<>();
        for (String line : lines) {
            try {
                JsonNode event = RestClient.JSON.readTree(line);
                if (event != null && event.isObject()) {
                    json.add(event);
                }
            } catch (IOException notJson) {
                // counted below
            }
        }
        assertThat(lines).isNotEmpty();
        assertThat(json.size()).as("JSON lines among %s", lines).isGreaterThanOrEqualTo((int) Math.ceil(lines.size() * 0.9));
        assertThat(json).anySatisfy(event -> {
            assertThat(event.path("loggerName").asText()).isEqualTo("convro.requests");
            assertThat(event.path("formattedMessage").asText()).startsWith("GET /v1/auth/me 200 ");
        });
        for (String line : lines) {
            for (String secret : flow.secrets) {
                assertThat(line).as("a log line holds a secret").doesNotContain(secret);
            }
        }
    }

    private static void promtoolAccepts(Path promtool, String body) throws IOException, InterruptedException {
        Process check = new ProcessBuilder(promtool.toString(), "check", "metrics").redirectErrorStream(true).start();
        check.getOutputStream().write(body.getBytes(StandardCharsets.UTF_8));
        check.getOutputStream().close();
        String said = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(check.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(check.exitValue()).as("promtool check metrics: %s", said).isZero();
    }

    /** Debian's Prometheus in the foreground with its own config and storage under {@code home}. */
    private static final class Prometheus implements AutoCloseable {
        private final Process process;
        private final URI base;
        private final Path home;
        private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

        private Prometheus(Process process, URI base, Path home) {
            this.process = process;
            this.base = base;
            this.home = home;
        }

        static Prometheus start(Path binary, Path home, int nodePort) throws IOException {
            Files.createDirectories(home);
            int port = ServerProcess.freePort();
            Path config = home.resolve("prometheus.yml");
            Files.writeString(config, """
                    global:
                      scrape_interval: 1s
                      scrape_timeout: 1s
                    scrape_configs:
                      - job_name: convro
                        metrics_path: /metrics
                        static_configs:
                          - targets: ["127.0.0.1:%d"]
                    """.formatted(nodePort), StandardCharsets.UTF_8);
            Process process = new ProcessBuilder(binary.toString(), "--config.file=" + config,
                    "--storage.tsdb.path=" + home.resolve("tsdb"), "--web.listen-address=127.0.0.1:" + port)
                    .redirectErrorStream(true).redirectOutput(home.resolve("prometheus.log").toFile()).start();
            return new Prometheus(process, URI.create("http://127.0.0.1:" + port), home);
        }

        /** The value of {@code selector}'s one series once Prometheus has scraped it. */
        double awaitSeries(String selector) {
            double[] value = new double[1];
            await().atMost(PATIENCE).pollInterval(Duration.ofMillis(500)).until(() -> {
                if (!process.isAlive()) {
                    throw new IllegalStateException("prometheus exited: " + Files.readString(home.resolve("prometheus.log")));
                }
                JsonNode result = query(selector);
                if (result == null || result.size() == 0) {
                    return false;
                }
                value[0] = result.get(0).path("value").get(1).asDouble();
                return true;
            });
            return value[0];
        }

        /** {@code /api/v1/query}'s result vector, or {@code null} while Prometheus does not answer. */
        private JsonNode query(String promql) throws InterruptedException {
            URI uri = base.resolve("/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8));
            try {
                HttpResponse<String> answer = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (answer.statusCode() != 200) {
                    return null;
                }
                JsonNode body = RestClient.JSON.readTree(answer.body());
                assertThat(body.path("status").asText()).isEqualTo("success");
                return body.path("data").path("result");
            } catch (IOException notYet) {
                return null;
            }
        }

        @Override
        public void close() {
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
}
