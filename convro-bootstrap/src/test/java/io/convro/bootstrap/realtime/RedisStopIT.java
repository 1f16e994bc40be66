package io.convro.bootstrap.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Redis stopped (SIGSTOP), then killed, under a node that keeps its auth rate limits there. Before, register, login
 * and refresh hung for the whole stop and answered 500 after ~5 s once Redis was killed. Now the limiter waits at
 * most 500 ms and the node's own buckets decide meanwhile (documented: the limit holds per node during an outage):
 * every answer comes within a couple of seconds and is the route's own (201, 200, 401) or 429/503 with Retry-After,
 * never 500. Also: the node runs one Redis client, sized to the machine.
 */
class RedisStopIT {
    private static final Duration AUTH_BOUND = Duration.ofSeconds(3);
    private static final Pattern NETTY_THREAD = Pattern.compile("redisson-netty-(\\d+)-\\d+");

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private PrivateRedis redis;
    private RunningServer server;
    private Path dataDir;

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.close();
        }
        if (redis != null) {
            redis.close();
        }
        if (dataDir != null) {
            try (Stream<Path> files = Files.walk(dataDir)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    @Test
    void registerLoginAndRefreshAreAnsweredWithinABoundNever500WhileRedisIsStoppedOrKilled() throws Exception {
        redis = PrivateRedis.start();
        dataDir = Files.createTempDirectory("convro-redis-stop");
        server = RunningServer.start(dataDir, Map.of("CONVRO_REDIS_URL", redis.url(), "CONVRO_AUTH_RATE_LIMIT", "1000"));
        assertOneSizedRedisClient();
        Answer registered = post("/v1/auth/register", "{\"password\":\"correct horse battery\",\"username\":\"redisstop\"}");
        assertThat(registered.status).isEqualTo(201);
        String refreshToken = RestClient.JSON.readTree(registered.body).get("refreshToken").asText();

        redis.pause();
        List<Answer> whileStopped = new ArrayList<>();
        refreshToken = authRound(whileStopped, refreshToken, "stopped");
        redis.close();
        List<Answer> whileKilled = new ArrayList<>();
        authRound(whileKilled, refreshToken, "killed");

        for (List<Answer> answers : List.of(whileStopped, whileKilled)) {
            assertThat(answers).allSatisfy(answer -> {
                assertThat(answer.status).as(answer.toString()).isIn(200, 201, 401, 429, 503);
                assertThat(answer.took).as(answer.toString()).isLessThanOrEqualTo(AUTH_BOUND);
                if (answer.status == 429 || answer.status == 503) {
                    assertThat(answer.retryAfter).as(answer.toString()).isNotNull();
                }
            });
            assertThat(answers).as("the routes still work").anyMatch(answer -> answer.status == 200);
        }
        System.out.printf("redis stopped: slowest %d ms; killed: slowest %d ms%n",
                whileStopped.stream().mapToLong(a -> a.took.toMillis()).max().orElse(0),
                whileKilled.stream().mapToLong(a -> a.took.toMillis()).max().orElse(0));
    }

    /** A registration, a good and a wrong login, and a refresh; the refresh token to use next. */
    private String authRound(List<Answer> answers, String refreshToken, String round) throws Exception {
        answers.add(post("/v1/auth/register", "{\"password\":\"correct horse battery\",\"username\":\"r" + round + "\"}"));
        answers.add(post("/v1/auth/login", "{\"password\":\"correct horse battery\",\"username\":\"redisstop\"}"));
        answers.add(post("/v1/auth/login", "{\"password\":\"wrong horse battery\",\"username\":\"redisstop\"}"));
        Answer refreshed = post("/v1/auth/refresh", "{\"refreshToken\":\"" + refreshToken + "\"}");
        answers.add(refreshed);
        return refreshed.status == 200 ? RestClient.JSON.readTree(refreshed.body).get("refreshToken").asText() : refreshToken;
    }

    /**
     * One Redisson client in this JVM, with threads sized to the cores. A client's netty threads are one thread group
     * ({@code redisson-netty-<group>-<n>}); two clients had two groups, of 32 threads each.
     */
    private static void assertOneSizedRedisClient() {
        List<String> names = Thread.getAllStackTraces().keySet().stream().map(Thread::getName)
                .filter(name -> name.startsWith("redisson")).sorted().toList();
        Set<String> nettyGroups = names.stream().map(NETTY_THREAD::matcher).filter(Matcher::matches)
                .map(matcher -> matcher.group(1)).collect(Collectors.toSet());
        int cores = Runtime.getRuntime().availableProcessors();
        assertThat(nettyGroups).as("Redisson clients among %s", names).hasSize(1);
        assertThat(names).as("Redisson threads").hasSizeLessThanOrEqualTo(2 * Math.max(2, cores) + 4);
        System.out.println("Redisson threads: " + names);
    }

    private record Answer(String what, int status, String retryAfter, Duration took, String body) {
    }

    private Answer post(String path, String json) {
        long started = System.nanoTime();
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(server.base().resolve(path))
                    .header("Content-Type", "application/json").timeout(Duration.ofSeconds(60))
                    .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(path, response.statusCode(), response.headers().firstValue("Retry-After").orElse(null),
                    Duration.ofNanos(System.nanoTime() - started), response.body());
        } catch (Exception failed) {
            return new Answer(path + " " + failed, -1, null, Duration.ofNanos(System.nanoTime() - started), "");
        }
    }
}
