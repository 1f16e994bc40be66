package io.convro.bootstrap.blackbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
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
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A burst of password hashing against the jar exactly as a new user runs it: a bare {@code java -jar}, so the server
 * runs in the launcher's child JVM on the default heap. Argon2id holds 20 MiB per hash; without a bound on hashes at
 * once, a dozen concurrent registrations exhausted the 192 MiB heap and the process exited. With the bound, every
 * request of 200 concurrent registrations and then 200 concurrent wrong-password logins (as if from 200 addresses:
 * the per-address auth limit is off) gets a documented answer, the server stays healthy, and a normal login works
 * seconds later.
 */
class PasswordHashBurstIT {
    private static final Path JAR = Path.of(System.getProperty("convro.serverJar", "target/convro-server.jar"));
    private static final String PASSWORD = "correct horse battery";
    private static final int BURST = 200;
    private static final Set<Integer> REGISTER_ANSWERS = Set.of(201, 429, 503);
    private static final Set<Integer> LOGIN_ANSWERS = Set.of(200, 401, 429, 503);

    @TempDir
    Path work;
    private Process server;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private int port;

    @BeforeEach
    void startTheBareJar() throws IOException {
        assertThat(JAR).as("mvn package builds the shaded jar before integration tests").isRegularFile();
        port = freePort();
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", JAR.toAbsolutePath().toString());
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true).redirectOutput(work.resolve("server.log").toFile());
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(variable -> variable.startsWith("CONVRO_") || variable.endsWith("JAVA_OPTIONS"));
        env.put("CONVRO_HTTP_HOST", "127.0.0.1");
        env.put("CONVRO_HTTP_PORT", Integer.toString(port));
        env.put("CONVRO_DATA_DIR", Files.createDirectories(work.resolve("data")).toString());
        env.put("CONVRO_AUTH_RATE_LIMIT", "0");
        env.put("CONVRO_CLASS_ARCHIVE", "off");
        server = builder.start();
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250)).ignoreExceptions()
                .until(() -> healthStatus() == 200);
        assertThat(Files.readString(work.resolve("server.log"))).as("the server runs on the launcher's defaults")
                .contains("JVM options: -Xms");
    }

    @AfterEach
    void stop() throws Exception {
        if (server != null && server.isAlive()) {
            server.destroy();
            if (!server.waitFor(30, TimeUnit.SECONDS)) {
                server.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void twoHundredConcurrentRegistrationsThenLoginsAreAllAnsweredAndTheServerLives() throws Exception {
        List<Answer> registered = burst(i -> post("/v1/auth/register",
                "{\"password\":\"" + PASSWORD + "\",\"username\":\"burst_" + i + "\"}"));
        report("registrations", registered);
        assertAnsweredWithin(registered, REGISTER_ANSWERS);
        assertHealthy();

        List<Answer> loggedIn = burst(i -> post("/v1/auth/login",
                "{\"password\":\"wrong " + PASSWORD + "\",\"username\":\"burst_" + i + "\"}"));
        report("wrong-password logins", loggedIn);
        assertAnsweredWithin(loggedIn, LOGIN_ANSWERS);
        assertThat(loggedIn).as("a wrong password never signs in").noneMatch(answer -> answer.status() == 200);
        assertHealthy();

        int someone = IntStream.range(0, BURST).filter(i -> registered.get(i).status() == 201).findFirst()
                .orElseThrow(() -> new AssertionError("no registration of the burst succeeded"));
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() ->
                assertThat(post("/v1/auth/login", "{\"password\":\"" + PASSWORD + "\",\"username\":\"burst_" + someone + "\"}")
                        .join().status()).as("a normal login seconds after the burst").isEqualTo(200));
        assertThat(Files.readString(work.resolve("server.log"))).doesNotContain("java.lang.OutOfMemoryError");
    }

    private interface Request {
        CompletableFuture<Answer> send(int index);
    }

    private record Answer(int status, String retryAfter, String failure) {
    }

    /** {@link #BURST} requests at once, each on a connection of its own; every outcome, in order. */
    private static List<Answer> burst(Request request) {
        List<CompletableFuture<Answer>> pending = new ArrayList<>();
        for (int i = 0; i < BURST; i++) {
            pending.add(request.send(i).exceptionally(failure -> new Answer(-1, null, String.valueOf(failure))));
        }
        return pending.stream().map(CompletableFuture::join).toList();
    }

    private CompletableFuture<Answer> post(String path, String json) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(120)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.discarding())
                .thenApply(response -> new Answer(response.statusCode(),
                        response.headers().firstValue("Retry-After").orElse(null), null));
    }

    private static void assertAnsweredWithin(List<Answer> answers, Set<Integer> documented) {
        assertThat(answers).as("every request is answered with a documented status (-1: no answer)")
                .allSatisfy(answer -> assertThat(answer.status()).as(String.valueOf(answer)).isIn(documented));
        assertThat(answers).as("every 429 and 503 says when to come back")
                .filteredOn(answer -> answer.status() == 429 || answer.status() == 503)
                .allSatisfy(answer -> assertThat(answer.retryAfter()).as(String.valueOf(answer)).matches("[1-9][0-9]*"));
    }

    private void assertHealthy() throws Exception {
        assertThat(server.isAlive()).as("the server process lives").isTrue();
        assertThat(healthStatus()).as("/health").isEqualTo(200);
    }

    private int healthStatus() throws Exception {
        HttpRequest health = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
                .timeout(Duration.ofSeconds(5)).build();
        return http.send(health, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static void report(String what, List<Answer> answers) {
        Map<String, Integer> counts = new TreeMap<>();
        answers.forEach(answer -> counts.merge(answer.status() == -1 ? "failed: " + answer.failure()
                : Integer.toString(answer.status()), 1, Integer::sum));
        System.out.printf("%d concurrent %s: %s%n", answers.size(), what, counts);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
