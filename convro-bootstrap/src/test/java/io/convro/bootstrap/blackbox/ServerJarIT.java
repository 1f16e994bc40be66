package io.convro.bootstrap.blackbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
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
        // the shaded jar carries what the API reference page loads, and HEAD answers a load balancer's probe
        java.net.http.HttpClient client = java.net.http.HttpClient.newHttpClient();
        for (String path : List.of("/docs", "/docs/swagger-ui-bundle.js", "/docs/swagger-ui.css", "/docs/api-reference.js")) {
            assertThat(client.send(java.net.http.HttpRequest.newBuilder(second.uri(path)).GET().build(),
                    java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode()).as(path).isEqualTo(200);
        }
        assertThat(client.send(java.net.http.HttpRequest.newBuilder(second.uri("/health"))
                .method("HEAD", java.net.http.HttpRequest.BodyPublishers.noBody()).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString())).satisfies(head -> {
                    assertThat(head.statusCode()).isEqualTo(200);
                    assertThat(head.body()).isEmpty();
                });
        stop();
    }

    @Test
    void sigtermDuringABurstOfSendsLosesNoAcknowledgedMessage() throws Exception {
        Path data = Files.createDirectories(work.resolve("data"));
        BlackBoxHttp http = start(data, "burst");
        SendBurst.Pair pair = SendBurst.Pair.open(http, "alice");
        SendBurst burst = new SendBurst(http, pair, 4, "burst");
        await().atMost(Duration.ofSeconds(60)).until(() -> burst.acknowledgedCount() >= 40);
        running.destroy(); // SIGTERM mid-burst
        assertThat(running.waitFor(60, TimeUnit.SECONDS)).as("the server exits after SIGTERM").isTrue();
        List<SendBurst.Acknowledged> acknowledged = burst.stop();
        report("SIGTERM", burst, acknowledged);
        assertThat(burst.otherAnswers()).as("while stopping, a request is answered 2xx, refused, or 503 — never a 500")
                .allSatisfy(answer -> assertThat(answer).doesNotStartWith("500").doesNotStartWith("undocumented"));

        Map<Long, String> stored = pair.storedMessages(start(data, "after-burst"));
        assertThat(stored.keySet()).as("every send answered 2xx survived SIGTERM")
                .containsAll(acknowledged.stream().map(SendBurst.Acknowledged::messageId).toList());
        stop();
    }

    /**
     * The embedded default killed outright (SIGKILL: no shutdown hook, no close) in the middle of a burst, three times
     * on one data folder: a send answered 2xx was in the database's file before it was answered, so each one is
     * there after the restart with the ciphertext it carried, and no id is handed out twice.
     */
    @Test
    void sigkillDuringABurstOfSendsOnH2LosesNoAcknowledgedMessageAndReusesNoId() throws Exception {
        Path data = Files.createDirectories(work.resolve("data"));
        BlackBoxHttp http = start(data, "kill-0");
        SendBurst.Pair pair = SendBurst.Pair.open(http, "alice");
        List<SendBurst.Acknowledged> acknowledged = new ArrayList<>();
        for (int kill = 1; kill <= 3; kill++) {
            SendBurst burst = new SendBurst(http, pair, 8, "kill-" + kill);
            await().atMost(Duration.ofSeconds(60)).until(() -> burst.acknowledgedCount() >= 300);
            running.destroyForcibly(); // SIGKILL mid-burst
            assertThat(running.waitFor(60, TimeUnit.SECONDS)).isTrue();
            List<SendBurst.Acknowledged> round = burst.stop();
            report("SIGKILL " + kill, burst, round);
            assertThat(burst.otherAnswers()).as("before the kill, sends are answered 2xx").isEmpty();
            acknowledged.addAll(round);
            http = start(data, "kill-" + kill);
        }
        assertThat(acknowledged.stream().map(SendBurst.Acknowledged::messageId).distinct().count())
                .as("no messageId acknowledged for two messages").isEqualTo(acknowledged.size());
        Map<Long, String> stored = pair.storedMessages(http);
        List<String> lost = new ArrayList<>();
        for (SendBurst.Acknowledged message : acknowledged) {
            if (!message.ciphertext().equals(stored.get(message.messageId()))) {
                lost.add(message.messageId() + " (" + message.clientMessageId() + ")");
            }
        }
        assertThat(lost).as("acknowledged messages missing, or stored with other ciphertext, of %d", acknowledged.size()).isEmpty();
        stop();
    }

    private static void report(String what, SendBurst burst, List<SendBurst.Acknowledged> acknowledged) {
        System.out.printf("%s: %d sends acknowledged, %d attempted, other answers: %s%n", what, acknowledged.size(), burst.attempts(),
                burst.otherAnswers().stream().collect(java.util.stream.Collectors.groupingBy(answer -> answer,
                        java.util.stream.Collectors.counting())));
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
        // beside it, for a while after a first start, the launcher runs the class-archive training (with -cp)
        List<ProcessHandle> children = running.toHandle().children().filter(child -> child.info().arguments()
                .map(arguments -> List.of(arguments).contains("-jar")).orElse(true)).toList();
        assertThat(children).as("the launcher runs the server in one child JVM").hasSize(1);
        assertThat(Files.readString(work.resolve("bare.out")))
                .contains("JVM options: -Xms256m -Xmx256m -Xmn64m -XX:-UseAdaptiveSizePolicy -XX:+UseParallelGC -XX:+ExitOnOutOfMemoryError -XX:+AlwaysPreTouch");

        stop();
        assertThat(children.get(0).onExit().get(30, TimeUnit.SECONDS).isAlive()).as("the child stopped too").isFalse();
    }

    /**
     * The class archive is written beside the running server (not at a clean exit), so the start after a crash maps
     * it: that start is the one whose speed matters.
     */
    @Test
    void theClassArchiveWrittenWhileRunningIsMappedByTheStartAfterAKill() throws Exception {
        Path data = Files.createDirectories(work.resolve("data"));
        BlackBoxHttp http = start(data, "archive", List.of());
        http.post(null, "/v1/auth/register", "{\"password\":\"" + PASSWORD + "\"}").expect(201);
        assertThat(Files.readString(work.resolve("archive.out"))).doesNotContain("SharedArchiveFile");
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(250)).until(() -> {
            try (Stream<Path> archives = Files.list(data.resolve("cds"))) {
                return archives.anyMatch(path -> path.getFileName().toString().endsWith(".jsa"));
            }
        });
        List<ProcessHandle> children = running.toHandle().children().toList();
        children.forEach(ProcessHandle::destroyForcibly); // SIGKILL: no shutdown hook, no exit to write anything at
        running.destroyForcibly();
        assertThat(running.waitFor(30, TimeUnit.SECONDS)).isTrue();
        for (ProcessHandle child : children) {
            // the database's file lock goes with the process
            assertThat(child.onExit().get(30, TimeUnit.SECONDS).isAlive()).isFalse();
        }

        try (Stream<Path> archives = Files.list(data.resolve("cds"))) {
            assertThat(archives.map(path -> path.getFileName().toString())).singleElement().asString().endsWith(".jsa");
        }
        BlackBoxHttp again = start(data, "archive-again", List.of());
        assertThat(Files.readString(work.resolve("archive-again.out"))).as("the start after the kill maps it")
                .contains("-XX:SharedArchiveFile=");
        again.post(null, "/v1/auth/register", "{\"password\":\"" + PASSWORD + "\"}").expect(201);
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

    @Test
    void helpAndVersionPrintAndExitWithoutStartingAServerOrCreatingAnything() throws Exception {
        Path data = work.resolve("never-created");
        for (String argument : List.of("--help", "--version")) {
            // a bare java -jar: the launcher would start a child JVM and write a class archive for a server
            Process process = launch(data, "cmd" + argument, List.of(), Map.of(), argument);
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("%s exits", argument).isTrue();
            assertThat(process.exitValue()).as(argument).isZero();
            String out = Files.readString(work.resolve("cmd" + argument + ".out"));
            assertThat(out).as(argument).contains(argument.equals("--help") ? "Usage: java -jar convro-server.jar" : "convro ");
            assertThat(out).as("%s starts no server", argument).doesNotContain("listening", "Listening");
            assertThat(Files.readString(work.resolve("cmd" + argument + ".err"))).isEmpty();
        }
        assertThat(data).as("nothing was created").doesNotExist();
        assertThat(Files.readString(work.resolve("cmd--help.out"))).contains("CONVRO_CORS_ORIGINS", "CONVRO_TRUSTED_PROXIES", "check");
    }

    @Test
    void checkValidatesTheConfigurationWithoutServing() throws Exception {
        Path data = work.resolve("never-created");
        int port = freePort();
        Process good = launch(data, "check-good", List.of(), Map.of("CONVRO_HTTP_PORT", Integer.toString(port)), "check");
        assertThat(good.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(good.exitValue()).as("check of a usable configuration").isZero();
        assertThat(Files.readString(work.resolve("check-good.out"))).contains("configuration OK");
        assertThat(data).as("check opens no embedded database").doesNotExist();

        Process wrong = launch(data, "check-wrong", List.of(), Map.of("CONVRO_SEND_RATE_LIMIT", "lots"), "check");
        assertThat(wrong.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(wrong.exitValue()).isEqualTo(1);
        assertThat(Files.readAllLines(work.resolve("check-wrong.err"))).singleElement().asString()
                .contains("CONVRO_SEND_RATE_LIMIT", "lots");

        Process unreachable = launch(data, "check-db", List.of(), Map.of("CONVRO_HTTP_PORT", Integer.toString(port),
                "CONVRO_DB_URL", "jdbc:mysql://127.0.0.1:" + freePort() + "/convro?user=root&password=hunter2secret",
                "CONVRO_JWT_SECRET", "0123456789abcdef0123456789abcdef"), "check");
        assertThat(unreachable.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(unreachable.exitValue()).isEqualTo(1);
        assertThat(Files.readAllLines(work.resolve("check-db.err"))).singleElement().asString()
                .contains("CONVRO_DB_URL").doesNotContain("hunter2secret");
    }

    @Test
    void anUnreachableDatabaseIsOneLineWithoutItsPasswordAndNoStackTrace() throws Exception {
        Path data = Files.createDirectories(work.resolve("data"));
        Process process = launch(data, "no-db", Map.of("CONVRO_HTTP_PORT", Integer.toString(freePort()),
                "CONVRO_DB_URL", "jdbc:mysql://127.0.0.1:" + freePort() + "/convro?user=root&password=hunter2secret",
                "CONVRO_JWT_SECRET", "0123456789abcdef0123456789abcdef"));
        assertThat(process.waitFor(90, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isEqualTo(1);
        List<String> stderr = Files.readAllLines(work.resolve("no-db.err"), StandardCharsets.UTF_8);
        assertThat(stderr).singleElement().asString().contains("CONVRO_DB_URL", "cannot connect").doesNotContain("hunter2secret");
        String stdout = Files.readString(work.resolve("no-db.out"));
        assertThat(stdout).as("no stack trace in the log").doesNotContain("\tat ", "Exception in", "Caused by");
        assertThat(stdout).doesNotContain("hunter2secret").contains("CONVRO_DB_URL=jdbc:mysql://127.0.0.1:");
        assertThat(stdout.lines().filter(line -> line.contains("Settings: ")).count()).as("the settings, logged once").isEqualTo(1);
    }

    @Test
    void aTakenPortIsFoundAtOnceNamingItsVariableBeforeAnythingIsCreated() throws Exception {
        for (String variable : List.of("CONVRO_HTTP_PORT", "CONVRO_SOCKETIO_PORT")) {
            Path data = work.resolve("taken-" + variable);
            try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 50, java.net.InetAddress.getByName("127.0.0.1"))) {
                Map<String, String> settings = new java.util.HashMap<>(Map.of("CONVRO_HTTP_PORT", Integer.toString(freePort())));
                settings.put(variable, Integer.toString(taken.getLocalPort()));
                if (variable.equals("CONVRO_SOCKETIO_PORT")) {
                    settings.put("CONVRO_HTTP_PORT", Integer.toString(freePort()));
                }
                long started = System.nanoTime();
                Process process = launch(data, "taken-" + variable, settings);
                assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
                long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started);
                assertThat(process.exitValue()).isNotZero();
                assertThat(Files.readAllLines(work.resolve("taken-" + variable + ".err"))).singleElement().asString()
                        .contains(variable, Integer.toString(taken.getLocalPort()));
                assertThat(seconds).as("found at start, before the database (a JVM start, not a migration)").isLessThan(10);
                assertThat(data).as("nothing created, nothing migrated").doesNotExist();
            }
        }
    }

    // ---------------------------------------------------------------- helpers

    private BlackBoxHttp start(Path data, String name) throws IOException {
        return start(data, name, TEST_JVM);
    }

    private BlackBoxHttp start(Path data, String name, List<String> jvmOptions) throws IOException {
        return start(data, name, jvmOptions, Map.of());
    }

    private BlackBoxHttp start(Path data, String name, List<String> jvmOptions, Map<String, String> settings)
            throws IOException {
        int port = freePort();
        Map<String, String> all = new java.util.HashMap<>(settings);
        all.put("CONVRO_HTTP_PORT", Integer.toString(port));
        running = launch(data, name, jvmOptions, all);
        Process process = running;
        BlackBoxHttp http = new BlackBoxHttp(port, code -> { });
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250)).ignoreExceptions().until(() -> {
            if (!process.isAlive()) {
                throw new AssertionError("the jar " + name + " exited with " + process.exitValue() + "; its output ends:\n"
                        + tail(work.resolve(name + ".out")) + "\n" + tail(work.resolve(name + ".err")));
            }
            return http.get(null, "/health").status() == 200;
        });
        return http;
    }

    private Process launch(Path data, String name, Map<String, String> settings) throws IOException {
        return launch(data, name, TEST_JVM, settings);
    }

    private Process launch(Path data, String name, List<String> jvmOptions, Map<String, String> settings, String... arguments)
            throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", JAR.toAbsolutePath().toString()));
        command.addAll(List.of(arguments));
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

    private static String tail(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
