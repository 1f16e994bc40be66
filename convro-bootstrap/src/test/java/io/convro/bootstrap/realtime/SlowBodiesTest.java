package io.convro.bootstrap.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 20: 24 connections that send a request's head and then one byte of body a second must not hold the REST API.
 * Throughout the trickle {@code /health} answers within its second and an authenticated route answers too; each
 * trickling request is cut at the body deadline with {@code 408 REQUEST_TIMEOUT}. On the one public port and in
 * two-port mode.
 */
class SlowBodiesTest {
    private static final int TRICKLES = 24;
    private static final Duration BODY_TIMEOUT = Duration.ofSeconds(4);
    private static final List<String> ROUTES = List.of("/v1/auth/login", "/v1/auth/register", "/v1/dm/messages/send",
            "/v1/prekeys/upload", "/v1/dm/sessions/open", "/v1/auth/logout");

    @TempDir
    Path dataDir;

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void tricklingBodiesHoldNeitherHealthNorTheRoutesAndAreCutAtTheDeadline(boolean twoPorts) throws Exception {
        Map<String, String> env = twoPorts
                ? Map.of("CONVRO_SOCKETIO_PORT", "0", "CONVRO_REQUEST_BODY_TIMEOUT", "4")
                : Map.of("CONVRO_REQUEST_BODY_TIMEOUT", "4");
        ScheduledExecutorService drip = Executors.newSingleThreadScheduledExecutor();
        List<Socket> trickles = new ArrayList<>();
        try (RunningServer server = RunningServer.start(dataDir, env)) {
            String token = new Conversations(new RestClient(server.base())).register().accessToken();
            for (int i = 0; i < TRICKLES; i++) {
                Socket socket = new Socket("127.0.0.1", server.port());
                socket.setSoTimeout((int) BODY_TIMEOUT.plusSeconds(6).toMillis());
                OutputStream out = socket.getOutputStream();
                out.write(("POST " + ROUTES.get(i % ROUTES.size()) + " HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                        + "Authorization: Bearer " + token + "\r\nContent-Length: 200\r\n\r\n{").getBytes(StandardCharsets.US_ASCII));
                out.flush();
                trickles.add(socket);
            }
            long started = System.nanoTime();
            drip.scheduleAtFixedRate(() -> trickles.forEach(SlowBodiesTest::oneByte), 1, 1, TimeUnit.SECONDS);

            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            List<String> slow = new ArrayList<>();
            while (System.nanoTime() - started < BODY_TIMEOUT.minusMillis(500).toNanos()) {
                probe(http, server.base().resolve("/health"), null, Duration.ofSeconds(1), slow);
                probe(http, server.base().resolve("/v1/auth/me"), token, Duration.ofSeconds(2), slow);
                Thread.sleep(200);
            }

            assertThat(slow).as("answers that were late or failed while %d bodies trickled", TRICKLES).isEmpty();
            for (Socket socket : trickles) {
                String answer = head(socket.getInputStream());
                assertThat(answer).as("what a trickling request got at the body deadline").startsWith("HTTP/1.1 408 ")
                        .contains("REQUEST_TIMEOUT");
            }
        } finally {
            drip.shutdownNow();
            for (Socket socket : trickles) {
                socket.close();
            }
        }
    }

    private static void probe(HttpClient http, URI uri, String token, Duration within, List<String> slow) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(within);
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        long start = System.nanoTime();
        try {
            int status = http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
            if (status != 200) {
                slow.add(uri.getPath() + " answered " + status);
            }
        } catch (IOException | InterruptedException late) {
            slow.add(uri.getPath() + " after " + (System.nanoTime() - start) / 1_000_000 + " ms: " + late);
        }
    }

    private static void oneByte(Socket socket) {
        try {
            socket.getOutputStream().write(' ');
            socket.getOutputStream().flush();
        } catch (IOException cut) {
            // the server cut it: that is the point
        }
    }

    /** Everything the server sent until it closed, or what it sent before the read timed out. */
    private static String head(InputStream in) {
        StringBuilder text = new StringBuilder();
        try {
            int c;
            while ((c = in.read()) != -1) {
                text.append((char) c);
            }
        } catch (IOException timedOutOrReset) {
            // whatever arrived
        }
        return text.toString();
    }
}
