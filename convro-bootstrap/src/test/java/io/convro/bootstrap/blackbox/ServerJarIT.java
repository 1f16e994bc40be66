package io.convro.bootstrap.blackbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shaded jar as an operator runs it: {@code java -jar convro-server.jar}, configured by the environment only,
 * stopped by SIGTERM ({@link Process#destroy()} on Linux). Runs at integration-test, after package built the jar.
 */
class ServerJarIT {
    private static final Path JAR = Path.of("target", "convro-server.jar");
    private static final String PASSWORD = "correct horse battery";
    /** A JVM option of the test's own: the server runs in that JVM, not in a child with the defaults. */
    private static final List<String> TEST_JVM = List.of("-Xmx256m");
    @TempDir
    Path work;
    private Process running;

    @BeforeEach
    void jarWasBuilt() {
        assertThat(JAR).as("mvn package builds the shaded jar before integration tests").isRegularFile();
    }

    @AfterEach
    void stopLeftovers() throws InterruptedException {
        if (running != null && running.isAlive()) {
            running.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void aSecondRunOnTheSameDataFolderKnowsTheFirstRunsUsers() throws Exception {
        Path data = Files.createDirectories(work.resolve("data"));
        BlackBoxHttp first = start(data, "first");
        JsonNode registered = first.post(null, "/v1/auth/register", "{\"password\":\"" + PASSWORD + "\",\"username\":\"persistent\"}").expect(201);
        stop();

        BlackBoxHttp second = start(data, "second");
        JsonNode login = second.post(null, "/v1/auth/login", "{\"password\":\"" + PASSWORD + "\",\"username\":\"persistent\",\"deviceId\":\""
                + registered.path("deviceId").asText() + "\"}").expect(200);
        assertThat(login.path("userId").asLong()).isEqualTo(registered.path("userId").asLong());
        assertThat(login.path("convroNumber").asText()).isEqualTo(registered.path("convroNumber").asText());
        assertThat(second.get(registered.path("accessToken").asText(), "/v1/auth/me").expect(200).path("username").asText())
                .as("the JWT secret was kept in the data folder too").isEqualTo("persistent");
        stop();
    }

    @Test
    void sigtermDuringABurstOfSendsLosesNoAcknowledgedMessage() throws Exception {
        Path data = Files.createDirectories(work.resolve("data"));
        BlackBoxHttp http = start(data, "burst");
        JsonNode alice = http.post(null, "/v1/auth/register", "{\"password\":\"" + PASSWORD + "\",\"username\":\"alice\"}").expect(201);
        JsonNode bob = http.post(null, "/v1/auth/register", "{\"password\":\"" + PASSWORD + "\"}").expect(201);
        String sessionId = ClientKeys.hex(8);
        String key = Base64.getEncoder().encodeToString(new byte[32]);
        long sessionDbId = http.post(alice.path("accessToken").asText(), "/v1/dm/sessions/open", "{\"peerUserId\":" + bob.path("userId").asLong()
                + ",\"handshakeOffer\":{\"version\":1,\"initiatorDeviceId\":\"" + alice.path("deviceId").asText() + "\",\"responderDeviceId\":\""
                + bob.path("deviceId").asText() + "\",\"sessionId\":\"" + sessionId + "\",\"ephemeralPublicKeyX25519\":\"" + key
                + "\",\"usedSignedPrekeyPublicKeyX25519\":\"" + key + "\",\"usedOneTimePrekeyId\":null}}").expect(201).path("sessionDbId").asLong();
        http.post(bob.path("accessToken").asText(), "/v1/dm/sessions/accept", "{\"sessionDbId\":" + sessionDbId + "}").expect(200);

        ConcurrentLinkedQueue<Long> acknowledged = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<String> otherAnswers = new ConcurrentLinkedQueue<>();
        AtomicBoolean stopSending = new AtomicBoolean();
        AtomicInteger counter = new AtomicInteger();
        List<Thread> senders = new ArrayList<>();
        for (JsonNode sender : List.of(alice, bob, alice, bob)) {
            JsonNode recipient = sender == alice ? bob : alice;
            Thread thread = new Thread(() -> {
                while (!stopSending.get()) {
                    String body = "{\"sessionId\":\"" + sessionId + "\",\"recipientDeviceId\":\"" + recipient.path("deviceId").asText()
                            + "\",\"clientMessageId\":\"burst-" + counter.incrementAndGet() + "\",\"ciphertext\":\""
                            + ClientKeys.b64(ClientKeys.random(64)) + "\",\"authTag\":\"" + ClientKeys.b64(ClientKeys.random(16)) + "\"}";
                    try {
                        BlackBoxHttp.Response answer = http.post(sender.path("accessToken").asText(), "/v1/dm/messages/send", body);
                        if (answer.status() / 100 == 2) {
                            acknowledged.add(answer.json().path("messageId").asLong());
                        } else {
                            otherAnswers.add(answer.status() + " " + answer.body());
                        }
                    } catch (UncheckedIOException refusedOrCut) {
                        // the server is going away: nothing was acknowledged for this one; don't spin on a closed port
                        pause();
                    } catch (AssertionError undocumented) {
                        otherAnswers.add("undocumented: " + undocumented.getMessage());
                    }
                }
            }, "sender-" + senders.size());
            senders.add(thread);
            thread.start();
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> acknowledged.size() >= 40);
        running.destroy(); // SIGTERM mid-burst
        assertThat(running.waitFor(60, TimeUnit.SECONDS)).as("the server exits after SIGTERM").isTrue();
        stopSending.set(true);
        for (Thread thread : senders) {
            thread.join(TimeUnit.SECONDS.toMillis(60));
        }
        System.out.printf("burst: %d sends acknowledged, %d attempted, other answers: %s%n", acknowledged.size(), counter.get(),
                otherAnswers.stream().collect(java.util.stream.Collectors.groupingBy(answer -> answer, java.util.stream.Collectors.counting())));
        assertThat(otherAnswers).as("while stopping, a request is answered 2xx, refused, or 503 — never a 500")
                .allSatisfy(answer -> assertThat(answer).doesNotStartWith("500").doesNotStartWith("undocumented"));

        BlackBoxHttp restarted = start(data, "after-burst");
        String token = restarted.post(null, "/v1/auth/login", "{\"password\":\"" + PASSWORD + "\",\"username\":\"alice\",\"deviceId\":\""
                + alice.path("deviceId").asText() + "\"}").expect(200).path("accessToken").asText();
        Set<Long> stored = new HashSet<>();
        String cursor = "";
        while (true) {
            JsonNode page = restarted.get(token, "/v1/dm/messages/history?sessionId=" + sessionId + "&limit=200" + cursor).expect(200);
            long oldest = Long.MAX_VALUE;
            for (JsonNode message : page.path("messages")) {
                stored.add(message.path("messageId").asLong());
                oldest = Math.min(oldest, message.path("messageId").asLong());
            }
            if (!page.path("hasMore").asBoolean()) {
                break;
            }
            cursor = "&beforeId=" + oldest;
        }
        assertThat(stored).as("every send answered 2xx survived SIGTERM").containsAll(acknowledged);
        stop();
    }

    @Test
    void aWrongConfigurationValueStopsTheJarWithOneLineNamingTheVariable() throws Exception {
        Path data = Files.createDirectories(work.resolve("data"));
        Process process = launch(data, "wrong-port", Map.of("CONVRO_HTTP_PORT", "abc"));
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isNotZero();
        List<String> stderr = Files.readAllLines(work.resolve("wrong-port.err"), StandardCharsets.UTF_8);
        assertThat(stderr).hasSize(1);
        assertThat(stderr.get(0)).contains("CONVRO_HTTP_PORT").contains("abc");
    }

    @Test
    void aBareJavaJarRunsTheServerInAChildJvmWithConvrosDefaultsAndStopsItOnSigterm() throws Exception {
        Path data = Files.createDirectories(work.resolve("data"));
        BlackBoxHttp http = start(data, "bare", List.of());
        http.post(null, "/v1/auth/register", "{\"password\":\"" + PASSWORD + "\"}").expect(201);
        List<ProcessHandle> children = running.toHandle().children().toList();
        assertThat(children).as("the launcher runs the server in one child JVM").hasSize(1);
        assertThat(Files.readString(work.resolve("bare.out")))
                .contains("JVM options: -Xms192m -Xmx192m -Xmn96m -XX:-UseAdaptiveSizePolicy -XX:+UseParallelGC -XX:+ExitOnOutOfMemoryError");

        stop();
        assertThat(children.get(0).onExit().get(30, TimeUnit.SECONDS).isAlive()).as("the child stopped too").isFalse();

        try (Stream<Path> archives = Files.list(data.resolve("cds"))) {
            assertThat(archives.map(path -> path.getFileName().toString()))
                    .as("the first stop wrote the class archive").singleElement().asString().endsWith(".jsa");
        }
        start(data, "bare-again", List.of());
        assertThat(Files.readString(work.resolve("bare-again.out"))).as("a later start maps it")
                .contains("-XX:SharedArchiveFile=");
        stop();
    }

    @Test
    void aBareJavaJarWithAWrongValueStillStopsWithOneLine() throws Exception {
        Path data = Files.createDirectories(work.resolve("data"));
        Process process = launch(data, "bare-wrong", List.of(), Map.of("CONVRO_DB_POOL_SIZE", "lots"));
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isEqualTo(2);
        List<String> stderr = Files.readAllLines(work.resolve("bare-wrong.err"), StandardCharsets.UTF_8);
        assertThat(stderr).hasSize(1);
        assertThat(stderr.get(0)).contains("CONVRO_DB_POOL_SIZE").contains("lots");
    }

    // ---------------------------------------------------------------- helpers

    private BlackBoxHttp start(Path data, String name) throws IOException {
        return start(data, name, TEST_JVM);
    }

    private BlackBoxHttp start(Path data, String name, List<String> jvmOptions) throws IOException {
        int port = freePort();
        running = launch(data, name, jvmOptions, Map.of("CONVRO_HTTP_PORT", Integer.toString(port)));
        Process process = running;
        BlackBoxHttp http = new BlackBoxHttp(port, code -> { });
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250)).ignoreExceptions().until(() -> {
            assertThat(process.isAlive()).as("the jar is running; see %s.out/.err", name).isTrue();
            return http.get(null, "/health").status() == 200;
        });
        return http;
    }

    private Process launch(Path data, String name, Map<String, String> settings) throws IOException {
        return launch(data, name, TEST_JVM, settings);
    }

    private Process launch(Path data, String name, List<String> jvmOptions, Map<String, String> settings) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", JAR.toAbsolutePath().toString()));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectOutput(work.resolve(name + ".out").toFile())
                .redirectError(work.resolve(name + ".err").toFile());
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(variable -> variable.startsWith("CONVRO_") || variable.endsWith("JAVA_OPTIONS"));
        env.put("CONVRO_HTTP_HOST", "127.0.0.1");
        env.put("CONVRO_DATA_DIR", data.toString());
        env.putAll(settings);
        return builder.start();
    }

    private void stop() throws InterruptedException {
        running.destroy();
        assertThat(running.waitFor(60, TimeUnit.SECONDS)).as("the server exits after SIGTERM").isTrue();
    }

    private static void pause() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
