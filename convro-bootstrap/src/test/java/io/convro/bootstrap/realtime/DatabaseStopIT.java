package io.convro.bootstrap.realtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.socket.client.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A database that stops answering for 20 s (a private mariadbd, SIGSTOP: connections stay open and nothing answers,
 * the hardest kind of outage) under a server taking sends and sockets on its one public port. Before, the event loops
 * waited in socket admission and JDBC had no socket timeout: about half the requests, {@code /health} included, hung
 * for the whole outage. Now {@code /health} answers within its second throughout (503 degraded), every send is
 * answered (201 before the stop took hold, else 503 with Retry-After) within the timeouts, never held for the outage,
 * every new socket is told (connected, or connect_error SERVICE_UNAVAILABLE), and sends succeed again once the
 * database is back.
 */
class DatabaseStopIT {
    private static final Duration STOP = Duration.ofSeconds(20);
    /** /health waits at most 1 s for its probe; the rest is this busy machine's scheduling. */
    private static final Duration HEALTH_BOUND = Duration.ofMillis(1500);
    /**
     * A send waits at most for a statement's socket timeout (6 s) or, when its token must be read, for a place on the
     * token-check threads (at most 5 s) and the read's own timeout: well under the 20 s outage.
     */
    private static final Duration SEND_BOUND = Duration.ofSeconds(14);

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private PrivateMariaDb mariadb;
    private RunningServer server;
    private Path dataDir;

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.close();
        }
        if (mariadb != null) {
            mariadb.close();
        }
        if (dataDir != null) {
            try (Stream<Path> files = Files.walk(dataDir)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    @Test
    void duringADatabaseStopHealthAnswersWithinASecondAndSendsAre503WithRetryAfterNotHeld() throws Exception {
        mariadb = PrivateMariaDb.start();
        dataDir = Files.createTempDirectory("convro-db-stop");
        // four senders in a loop are a load generator, not a chat: the per-device send budget is not what is tested
        server = RunningServer.start(dataDir, Map.of("CONVRO_DB_URL", mariadb.jdbcUrl(), "CONVRO_SEND_RATE_LIMIT", "0"));
        Conversations conversations = new Conversations(new RestClient(server.base()));
        List<Conversations.Session> sessions = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            sessions.add(conversations.activeSession());
        }
        assertThat(send(sessions.get(0), "before").status).isEqualTo(201);

        mariadb.pause();
        long stopEnds = System.nanoTime() + STOP.toNanos();
        ConcurrentLinkedQueue<Answer> health = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<Answer> sends = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<SocketProbe> sockets = new ConcurrentLinkedQueue<>();
        ExecutorService load = Executors.newFixedThreadPool(2 + sessions.size());
        load.execute(() -> {
            // new sockets whose device this node has not read for a while: admission needs the database
            int next = 0;
            while (System.nanoTime() < stopEnds) {
                Conversations.Session session = sessions.get(next++ % sessions.size());
                sockets.add(SocketProbe.connect(server.base(), SocketProbe.Via.WEBSOCKET, SocketProbe.TokenIn.AUTH,
                        session.responder().accessToken()));
                pause(500);
            }
        });
        load.execute(() -> {
            while (System.nanoTime() < stopEnds) {
                health.add(get("/health"));
                pause(200);
            }
        });
        AtomicLong sequence = new AtomicLong();
        for (Conversations.Session session : sessions) {
            load.execute(() -> {
                while (System.nanoTime() < stopEnds) {
                    sends.add(send(session, "during-" + sequence.incrementAndGet()));
                    pause(50);
                }
            });
        }
        load.shutdown();
        assertThat(load.awaitTermination(STOP.toSeconds() + 60, TimeUnit.SECONDS)).isTrue();
        await("every socket opened during the stop was told").atMost(SEND_BOUND).until(() -> sockets.stream()
                .allMatch(probe -> probe.saw(Socket.EVENT_CONNECT) || probe.saw(Socket.EVENT_CONNECT_ERROR)));
        mariadb.resume();
        List<String> refusals = sockets.stream().filter(probe -> probe.saw(Socket.EVENT_CONNECT_ERROR))
                .map(probe -> probe.first(Socket.EVENT_CONNECT_ERROR).orElseThrow().payload()).toList();
        sockets.forEach(SocketProbe::close);
        // not the client's own connect timeout: the server answered every CONNECT
        assertThat(refusals).as("a refusal during the stop is for the outage")
                .allMatch(refusal -> refusal.contains("\"SERVICE_UNAVAILABLE\""));

        assertThat(health).isNotEmpty().allSatisfy(answer -> {
            assertThat(answer.status).isIn(200, 503);
            assertThat(answer.took).isLessThanOrEqualTo(HEALTH_BOUND);
        });
        assertThat(health).as("the stop is reported").anyMatch(answer -> answer.status == 503);
        assertThat(sends).isNotEmpty().allSatisfy(answer -> {
            assertThat(answer.status).as(answer.toString()).isIn(200, 201, 503);
            assertThat(answer.took).as(answer.toString()).isLessThanOrEqualTo(SEND_BOUND);
            if (answer.status == 503) {
                assertThat(answer.retryAfter).as("503 says when to retry").isNotNull();
            }
        });
        assertThat(sends).as("sends during the stop are refused, not stored").anyMatch(answer -> answer.status == 503);
        System.out.printf("database stop: %d health checks, slowest %d ms; %d sends, slowest %d ms, %d answered 503;"
                        + " %d sockets, %d refused%n", health.size(), health.stream().mapToLong(a -> a.took.toMillis()).max().orElse(0),
                sends.size(), sends.stream().mapToLong(a -> a.took.toMillis()).max().orElse(0),
                sends.stream().filter(a -> a.status == 503).count(), sockets.size(), refusals.size());

        await("sends succeed again once the database is back").atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> send(sessions.get(1), "after-" + sequence.incrementAndGet()).status == 201);
        assertThat(get("/health").status).isEqualTo(200);
    }

    private record Answer(String what, int status, String retryAfter, Duration took) {
    }

    private Answer get(String path) {
        return exchange(path, HttpRequest.newBuilder(server.base().resolve(path)).GET());
    }

    private Answer send(Conversations.Session session, String clientMessageId) {
        String body = "{\"sessionId\":\"" + session.sessionId() + "\",\"recipientDeviceId\":\"" + session.responder().deviceId()
                + "\",\"clientMessageId\":\"" + clientMessageId + "\",\"ciphertext\":\""
                + Base64.getEncoder().encodeToString(Conversations.random(1024)) + "\",\"authTag\":\""
                + Base64.getEncoder().encodeToString(Conversations.random(16)) + "\"}";
        return exchange("send " + clientMessageId, HttpRequest.newBuilder(server.base().resolve("/v1/dm/messages/send"))
                .header("Authorization", "Bearer " + session.initiator().accessToken())
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private Answer exchange(String what, HttpRequest.Builder request) {
        long started = System.nanoTime();
        try {
            HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(60)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Answer(what, response.statusCode(), response.headers().firstValue("Retry-After").orElse(null),
                    Duration.ofNanos(System.nanoTime() - started));
        } catch (Exception failed) {
            return new Answer(what + " " + failed, -1, null, Duration.ofNanos(System.nanoTime() - started));
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
