package io.convro.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.Deflater;

/**
 * What idle sockets of the official JavaScript client cost the server: the resident memory of the server's processes
 * (the jar's launcher and the JVM it starts) before and after N sockets connect and sit idle through a ping, on a
 * fresh server and on one that has just carried a send load. Also what {@code permessage-deflate} would save on the
 * {@code dm:message} frames of that load (256 bytes of ciphertext), computed with zlib as netty's encoder runs it.
 *
 * <pre>
 * java -cp convro-bench/target/convro-bench.jar io.convro.bench.IdleSocketsBench [--sockets=5000]
 *     [--transport=websocket|polling|default] [--scenarios=fresh,after-sends] [--per-device=10] [--send-seconds=20]
 *     [--send-pairs=20] [--settle=35] [--server-env=NAME=VALUE,…] [--jar=convro-bootstrap/target/convro-server.jar]
 *     [--report=convro-bench/target/idle-sockets-report.md]
 * </pre>
 * The server runs with the jar's defaults (a bare {@code java -jar}, embedded H2 in a new data folder), the auth rate
 * limit off (the set-up registers one account per {@code --per-device} sockets from one address). Needs node 20+
 * and npm. Nothing here asserts; see docs/benchmarks.md for the numbers and the machine they came from.
 */
public final class IdleSocketsBench {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PASSWORD = "correct horse battery staple";
    /** Registrations in flight: each hashes a password (Argon2id), which the server bounds anyway. */
    private static final int REGISTER_PARALLELISM = 2;
    private static final int SEND_CONCURRENCY = 16;

    private final Map<String, String> options;
    private final Path workDir;
    private final Path project;
    private final StringBuilder report = new StringBuilder();

    private IdleSocketsBench(Map<String, String> options, Path workDir, Path project) {
        this.options = options;
        this.workDir = workDir;
        this.project = project;
    }

    public static void main(String[] args) throws Exception {
        LoadJvm.prepare();
        Map<String, String> options = new HashMap<>(Map.of("jar", "convro-bootstrap/target/convro-server.jar",
                "sockets", "5000", "transport", "websocket", "scenarios", "fresh,after-sends", "per-device", "10",
                "send-seconds", "20", "send-pairs", "20", "settle", "35", "server-env", "",
                "report", "convro-bench/target/idle-sockets-report.md"));
        Map<String, String> given = BenchOptions.given(args);
        List<String> unknown = given.keySet().stream().filter(name -> !options.containsKey(name)).toList();
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("unknown options: " + unknown + "; known: " + options.keySet());
        }
        options.putAll(given);
        Path jar = Path.of(options.get("jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: build it first (mvn -DskipTests package)");
        }
        Path project = NodeSockets.install(Path.of("convro-bench", "target", "idle-sockets-js").toAbsolutePath());
        new IdleSocketsBench(options, Files.createTempDirectory("convro-idle-sockets"), project).run();
    }

    private void run() throws IOException {
        int sockets = number("sockets");
        line("# Idle sockets, " + Instant.now().truncatedTo(ChronoUnit.SECONDS));
        line("");
        line(String.format("%d sockets of the official socket.io-client (node %s), transport %s, %d sockets per device; "
                        + "server: the jar's defaults on a new H2 data folder%s; %d cores.", sockets, nodeVersion(),
                options.get("transport"), number("per-device"),
                options.get("server-env").isBlank() ? "" : ", environment " + options.get("server-env"),
                Runtime.getRuntime().availableProcessors()));
        line("");
        line("| scenario | RSS before | RSS with the sockets | per socket | connected | refused | connect time | transport |");
        line("|---|---|---|---|---|---|---|---|");
        List<String> deflate = new ArrayList<>();
        for (String scenario : options.get("scenarios").split(",")) {
            scenario(scenario.trim(), sockets, deflate);
        }
        line("");
        deflate.forEach(this::line);
        Path reportFile = Path.of(options.get("report"));
        Files.createDirectories(reportFile.toAbsolutePath().getParent());
        Files.writeString(reportFile, report);
        System.out.println("report written to " + reportFile + " (work folder " + workDir + ")");
    }

    private void scenario(String scenario, int sockets, List<String> deflate) throws IOException {
        if (!scenario.equals("fresh") && !scenario.equals("after-sends")) {
            throw new IllegalArgumentException("scenarios are fresh and after-sends, got " + scenario);
        }
        System.out.println("scenario " + scenario);
        Path dataDir = Files.createDirectories(workDir.resolve(scenario + "-data"));
        Map<String, String> env = new HashMap<>(serverEnv());
        env.put("CONVRO_DATA_DIR", dataDir.toString());
        env.put("CONVRO_AUTH_RATE_LIMIT", "0");
        env.put("CONVRO_SEND_RATE_LIMIT", "0"); // the send load drives 20 devices far beyond a chat
        env.put("CONVRO_PENDING_SOCKETS_PER_ADDRESS", "0"); // thousands of sockets connect from this one address
        env.put("CONVRO_MAX_CONNECTIONS", "0"); // the bench's sockets (up to 5,000) and its REST connections
        env.put("CONVRO_ACCESS_TOKEN_TTL", "3600");
        Path log = workDir.resolve(scenario + "-server.log");
        try (ServerUnderTest server = ServerUnderTest.start(Path.of(options.get("jar")), List.of(), env, false, log)) {
            Rest rest = new Rest(server.base());
            int devices = (sockets + number("per-device") - 1) / number("per-device");
            List<String> deviceTokens = register(rest, devices);
            NodeSockets listeners = null;
            if (scenario.equals("after-sends")) {
                Path samples = workDir.resolve("dm-message-frames.txt");
                Files.deleteIfExists(samples);
                List<Pairs.Pair> pairs = Pairs.create(rest, number("send-pairs"), REGISTER_PARALLELISM);
                listeners = NodeSockets.connect(project, server.base(),
                        pairs.stream().map(Pairs.Pair::recipientToken).toList(), "websocket", 50, samples,
                        workDir.resolve("node.log"));
                String load = sendLoad(server.base(), pairs, number("send-seconds"));
                System.out.println("  " + load + "; listeners: " + listeners.stats());
                deflate.addAll(deflateTable(samples, load));
            }
            ServerUnderTest.sleep(5_000);
            long before = ProcessStats.rssKib(server.handle());
            List<String> tokens = new ArrayList<>(sockets);
            for (int i = 0; i < sockets; i++) {
                tokens.add(deviceTokens.get(i / number("per-device")));
            }
            try (NodeSockets idle = NodeSockets.connect(project, server.base(), tokens, options.get("transport"), 100, null,
                    workDir.resolve("node.log"))) {
                JsonNode connected = idle.connected();
                System.out.println("  connected: " + connected);
                long maxDuring = before;
                long settleUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(number("settle"));
                while (System.nanoTime() < settleUntil) {
                    maxDuring = Math.max(maxDuring, ProcessStats.rssKib(server.handle()));
                    ServerUnderTest.sleep(500);
                }
                long after = ProcessStats.rssKib(server.handle());
                JsonNode stats = idle.stats();
                System.out.println("  after " + number("settle") + " s: " + stats + ", RSS max " + maxDuring / 1024 + " MiB");
                int open = stats.path("open").asInt();
                line(String.format("| %s | %.1f MiB | %.1f MiB | **%.1f kB** | %d (%d open after %d s) | %d %s | %d ms | %s |",
                        scenario, before / 1024.0, after / 1024.0, (after - before) * 1.024 / Math.max(1, open),
                        connected.path("connected").asInt(), open, number("settle"), connected.path("refused").asInt(),
                        connected.path("errors").toString(), connected.path("millis").asLong(),
                        connected.path("transports").toString()));
            } finally {
                if (listeners != null) {
                    listeners.close();
                }
            }
        }
    }

    /** One account per device token, {@link #REGISTER_PARALLELISM} registrations at a time. */
    private static List<String> register(Rest rest, int count) {
        ExecutorService workers = Executors.newFixedThreadPool(REGISTER_PARALLELISM);
        try {
            List<Future<String>> pending = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                pending.add(workers.submit(() -> rest.post("/v1/auth/register", null, Map.of("password", PASSWORD), 201)
                        .get("accessToken").asText()));
            }
            List<String> tokens = new ArrayList<>();
            for (Future<String> token : pending) {
                tokens.add(token.get());
            }
            return tokens;
        } catch (Exception e) {
            throw new IllegalStateException("registering the accounts failed: " + e.getMessage(), e);
        } finally {
            workers.shutdownNow();
        }
    }

    /** {@code seconds} of sends (256 bytes of ciphertext) from {@link #SEND_CONCURRENCY} loops; what came back, in words. */
    private static String sendLoad(URI base, List<Pairs.Pair> pairs, int seconds) {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        ConcurrentMap<Integer, AtomicLong> statuses = new ConcurrentHashMap<>();
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        AtomicLong sequence = new AtomicLong();
        String tag = Pairs.b64(Pairs.random(16));
        ExecutorService loops = Executors.newFixedThreadPool(SEND_CONCURRENCY);
        for (int i = 0; i < SEND_CONCURRENCY; i++) {
            loops.execute(() -> {
                while (System.nanoTime() < until) {
                    long n = sequence.incrementAndGet();
                    Pairs.Pair pair = pairs.get((int) (n % pairs.size()));
                    String body = "{\"sessionId\":\"" + pair.sessionId() + "\",\"recipientDeviceId\":\"" + pair.recipientDeviceId()
                            + "\",\"clientMessageId\":\"idle-bench-" + n + "\",\"ciphertext\":\"" + Pairs.b64(Pairs.random(256))
                            + "\",\"authTag\":\"" + tag + "\"}";
                    int status;
                    try {
                        status = http.send(HttpRequest.newBuilder(base.resolve("/v1/dm/messages/send"))
                                .header("Authorization", "Bearer " + pair.senderToken())
                                .header("Content-Type", "application/json").timeout(Duration.ofSeconds(30))
                                .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                                HttpResponse.BodyHandlers.discarding()).statusCode();
                    } catch (IOException e) {
                        status = -1;
                    } catch (InterruptedException e) {
                        return;
                    }
                    statuses.computeIfAbsent(status, any -> new AtomicLong()).incrementAndGet();
                }
            });
        }
        loops.shutdown();
        try {
            loops.awaitTermination(seconds + 60L, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        long total = statuses.values().stream().mapToLong(AtomicLong::get).sum();
        return String.format("send load: %d sends in %d s (%.0f/s), statuses %s", total, seconds, total / (double) seconds,
                new java.util.TreeMap<>(statuses));
    }

    /**
     * What permessage-deflate (RFC 7692, netty's default level 6, 15-bit window) would make of the frames the
     * listeners received: with a context kept per socket (what the server offered before: one zlib stream of about
     * 256 KiB native memory per socket for its whole life) and without (a new stream per frame).
     */
    private static List<String> deflateTable(Path samples, String load) throws IOException {
        List<String> lines = new ArrayList<>();
        if (!Files.exists(samples)) {
            return lines;
        }
        List<byte[]> frames = new ArrayList<>();
        for (String line : Files.readAllLines(samples)) {
            frames.add(JSON.readValue(line, String.class).getBytes(StandardCharsets.UTF_8));
        }
        if (frames.isEmpty()) {
            return lines;
        }
        long raw = frames.stream().mapToLong(frame -> frame.length).sum();
        Deflater kept = new Deflater(6, true);
        long withContext = 0;
        long withoutContext = 0;
        for (byte[] frame : frames) {
            withContext += deflated(kept, frame);
            Deflater fresh = new Deflater(6, true);
            withoutContext += deflated(fresh, frame);
            fresh.end();
        }
        kept.end();
        lines.add("`dm:message` frames of the after-sends load (" + load + "), " + frames.size()
                + " sampled, bytes per frame on the wire (payload only, before websocket framing):");
        lines.add("");
        lines.add("| frame | bytes | of uncompressed |");
        lines.add("|---|---|---|");
        lines.add(String.format("| uncompressed | %.0f | 100 %% |", raw / (double) frames.size()));
        lines.add(String.format("| permessage-deflate, context kept per socket | %.0f | %.0f %% |",
                withContext / (double) frames.size(), 100.0 * withContext / raw));
        lines.add(String.format("| permessage-deflate, no context takeover | %.0f | %.0f %% |",
                withoutContext / (double) frames.size(), 100.0 * withoutContext / raw));
        lines.add("");
        return lines;
    }

    /** Bytes of {@code frame} compressed as RFC 7692 sends it: a sync flush, without its final 4 bytes. */
    private static int deflated(Deflater deflater, byte[] frame) {
        deflater.setInput(frame);
        byte[] out = new byte[frame.length * 2 + 64];
        int length = 0;
        int n;
        do {
            n = deflater.deflate(out, length, out.length - length, Deflater.SYNC_FLUSH);
            length += n;
        } while (n > 0 && length < out.length);
        return length - 4;
    }

    private Map<String, String> serverEnv() {
        Map<String, String> env = new HashMap<>();
        String given = options.get("server-env");
        if (!given.isBlank()) {
            for (String pair : given.split(",")) {
                int eq = pair.indexOf('=');
                env.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
            }
        }
        return env;
    }

    private int number(String name) {
        return Integer.parseInt(options.get(name));
    }

    private static String nodeVersion() {
        try {
            Process node = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
            String version = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            node.waitFor(10, TimeUnit.SECONDS);
            return version;
        } catch (IOException e) {
            return "?";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "?";
        }
    }

    private void line(String text) {
        report.append(text).append('\n');
        System.out.println(text);
    }
}
