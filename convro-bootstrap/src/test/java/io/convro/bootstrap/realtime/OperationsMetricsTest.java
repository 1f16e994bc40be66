package io.convro.bootstrap.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.convro.adapter.http.web.ServedRequests;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /metrics} and the request lines of the assembled server (embedded H2), in both port modes. In the one
 * public port mode the relay answers {@code POST /v1/dm/messages/send} itself, without Jetty, and relays the other
 * routes to Javalin: both must be timed on {@code http.server.requests} and logged.
 */
class OperationsMetricsTest {
    @TempDir
    Path dataDir;
    private final ListAppender<ILoggingEvent> requestLines = new ListAppender<>();
    private final Logger requestLogger = (Logger) LoggerFactory.getLogger(ServedRequests.LOGGER);
    private RunningServer server;

    @BeforeEach
    void captureRequestLines() {
        requestLines.start();
        requestLogger.addAppender(requestLines);
    }

    @AfterEach
    void stop() {
        requestLogger.detachAppender(requestLines);
        if (server != null) {
            server.close();
        }
    }

    private RunningServer start(boolean twoPorts, Map<String, String> extra) {
        Map<String, String> env = new HashMap<>(extra);
        if (twoPorts) {
            env.put("CONVRO_SOCKETIO_PORT", "0");
        }
        server = RunningServer.start(dataDir, env);
        return server;
    }

    @ParameterizedTest(name = "two ports: {0}")
    @ValueSource(booleans = {false, true})
    void everyRouteIsTimedAndLoggedInBothPortModes(boolean twoPorts) {
        start(twoPorts, Map.of());
        OperationsFlow flow = new OperationsFlow(server.base());
        assertThat(flow.run()).isEqualTo(201);

        HttpResponse<String> metrics = OperationsFlow.getText(server.base(), "/metrics", null);
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/plain"));
        String body = metrics.body();
        // the send route (answered by the relay directly in one-port mode) and Javalin routes, by route template
        assertThat(OperationsFlow.sample(body, "http_server_requests_seconds_count", "method=\"POST\"",
                "uri=\"/v1/dm/messages/send\"", "status=\"201\"")).isEqualTo(1);
        assertThat(OperationsFlow.sample(body, "http_server_requests_seconds_count", "method=\"GET\"",
                "uri=\"/v1/auth/me\"", "status=\"200\"")).isEqualTo(1);
        assertThat(OperationsFlow.sample(body, "http_server_requests_seconds_count", "uri=\"/v1/auth/register\"",
                "status=\"201\"")).isEqualTo(2);
        assertThat(OperationsFlow.sample(body, "http_server_requests_seconds_count", "uri=\"/v1/dm/sessions/accept\"",
                "status=\"200\"")).isEqualTo(1);
        // route templates, never raw paths
        assertThat(body).doesNotContain("uri=\"/v1/prekeys/bundle?").contains("uri=\"/v1/prekeys/bundle\"");

        assertThat(OperationsFlow.sample(body, "jvm_memory_used_bytes")).isPositive();
        assertThat(OperationsFlow.sample(body, "hikaricp_connections", "pool=\"convro-db\"")).isPositive();
        assertThat(OperationsFlow.sample(body, "convro_messages_stored_total")).isEqualTo(1);
        assertThat(OperationsFlow.sample(body, "convro_message_writer_batch_size_count")).isEqualTo(1);
        assertThat(body).contains("convro_message_writer_queue_messages ");
        assertThat(OperationsFlow.sample(body, "convro_realtime_events_published_total")).isGreaterThanOrEqualTo(2);
        assertThat(body).contains("convro_realtime_events_failed_total ", "convro_sockets_connected ",
                "convro_password_hashes_running ", "convro_password_hashes_refused_total ");

        // the four bounded caches, on Caffeine, with their hits and misses
        assertThat(OperationsFlow.sample(body, "cache_gets_total", "cache=\"verified-tokens\"", "result=\"hit\"")).isPositive();
        assertThat(OperationsFlow.sample(body, "cache_gets_total", "cache=\"verified-tokens\"", "result=\"miss\"")).isPositive();
        assertThat(OperationsFlow.sample(body, "cache_gets_total", "cache=\"device-standings\"")).isPositive();
        assertThat(OperationsFlow.sample(body, "cache_gets_total", "cache=\"known-sessions\"", "result=\"miss\"")).isPositive();
        assertThat(OperationsFlow.sample(body, "cache_gets_total", "cache=\"rate-limit-buckets\"", "result=\"miss\"")).isPositive();
        assertThat(OperationsFlow.sample(body, "cache_gets_total", "cache=\"rate-limit-buckets-shared\"")).isPositive();
        assertThat(body).contains("cache_size{cache=\"known-sessions\"", "cache_evictions_total{cache=\"verified-tokens\"");

        List<String> lines = requestLines.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
        assertThat(lines).anySatisfy(line -> assertThat(line).startsWith("POST /v1/dm/messages/send 201 ")
                .contains("client=127.0.0.1").matches(".* deviceId=[0-9a-f]{16}$"));
        assertThat(lines).anySatisfy(line -> assertThat(line).startsWith("GET /v1/auth/me 200 ")
                .matches(".* deviceId=[0-9a-f]{16}$"));
        assertThat(lines).anySatisfy(line -> assertThat(line).startsWith("POST /v1/auth/refresh 200 "));
        for (ILoggingEvent event : requestLines.list) {
            for (String secret : flow.secrets) {
                assertThat(event.getFormattedMessage()).doesNotContain(secret);
                assertThat(String.valueOf(event.getKeyValuePairs())).doesNotContain(secret);
            }
        }
    }

    @Test
    void refusalsAreCountedByLimit() {
        start(false, Map.of("CONVRO_SEND_RATE_LIMIT", "1"));
        OperationsFlow flow = new OperationsFlow(server.base());
        assertThat(flow.run()).isEqualTo(201);
        Conversations conversations = new Conversations(new RestClient(server.base()));
        Conversations.Session session = conversations.activeSession();
        assertThat(conversations.send(session.initiator(), session.responder(), session.sessionId(), "one").status()).isEqualTo(201);
        assertThat(conversations.send(session.initiator(), session.responder(), session.sessionId(), "two").status()).isEqualTo(429);

        String body = OperationsFlow.getText(server.base(), "/metrics", null).body();
        assertThat(OperationsFlow.sample(body, "convro_rate_limit_refusals_total", "limit=\"send\"")).isEqualTo(1);
        assertThat(OperationsFlow.sample(body, "http_server_requests_seconds_count", "uri=\"/v1/dm/messages/send\"",
                "status=\"429\"", "outcome=\"CLIENT_ERROR\"")).isEqualTo(1);
    }

    @Test
    void aMetricsTokenKeepsMetricsPrivate() {
        start(false, Map.of("CONVRO_METRICS_TOKEN", "scrape-secret-0123"));
        HttpResponse<String> none = OperationsFlow.getText(server.base(), "/metrics", null);
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(none.body()).contains("\"error\":\"UNAUTHORIZED\"");
        assertThat(OperationsFlow.getText(server.base(), "/metrics", "scrape-secret-0124").statusCode()).isEqualTo(401);
        HttpResponse<String> allowed = OperationsFlow.getText(server.base(), "/metrics", "scrape-secret-0123");
        assertThat(allowed.statusCode()).isEqualTo(200);
        assertThat(allowed.body()).contains("jvm_memory_used_bytes");
    }
}
