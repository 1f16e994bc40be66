package io.convro.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The send-path benchmark of docs/benchmarks.md. One run:
 * <ol>
 *   <li>start to healthy on embedded H2, a fresh data directory and then the same one again;</li>
 *   <li>the jar on a scratch MariaDB database, start to healthy, N device pairs set up through the public API,
 *       every recipient listening on a Socket.IO websocket;</li>
 *   <li>load phases with wrk: cold (the first seconds of sends on a fresh JVM), warm-up, then one measured
 *       phase per connection count; per phase sends/s, HTTP and delivery latency, lost events, CPU and RSS;</li>
 *   <li>memory of many idle sockets.</li>
 * </ol>
 */
public final class SendPathBench {
    private static final String JWT_SECRET = "bench-secret-bench-secret-bench-secret-0123456789";
    /** Deliveries a phase's storage holds per second of load without growing (several times what this machine does). */
    private static final int EXPECTED_SENDS_PER_SECOND = 50_000;

    private final BenchOptions options;
    private final Path workDir;
    private final StringBuilder report = new StringBuilder();
    private final Optional<PhaseProfiler> profiler;

    private SendPathBench(BenchOptions options, Path workDir) {
        this.options = options;
        this.workDir = workDir;
        this.profiler = PhaseProfiler.of(options.profile(), options.profileEvent(), workDir);
    }

    public static void main(String[] args) throws Exception {
        LoadJvm.prepare();
        BenchOptions options = BenchOptions.parse(args);
        if (!ListenerJvm.isThisOne(options.benchJvmOptions())) {
            System.exit(ListenerJvm.relaunch(options.benchJvmOptions(), args));
        }
        if (!Files.isRegularFile(options.serverJar())) {
            throw new IllegalStateException(options.serverJar() + " is missing: build it first (mvn -DskipTests package)");
        }
        Path workDir = Files.createTempDirectory("convro-bench");
        new SendPathBench(options, workDir).run();
    }

    private void run() throws IOException {
        line("# Send-path benchmark, " + Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
        line("");
        line("Machine: " + Runtime.getRuntime().availableProcessors() + " cores; server JVM options: "
                + (options.serverJvmOptions().isEmpty() ? "none (the jar's defaults)" : String.join(" ", options.serverJvmOptions()))
                + "; " + options.pairs() + " pairs; wrk -t" + options.wrkThreads() + "; "
                + (options.twoPorts() ? "two ports (REST straight to Jetty)" : "one public port (the default)")
                + "; bench JVM (where deliveries are timed): " + ListenerJvm.describeThis() + ".");
        line("");
        embeddedStarts();
        try (ScratchDatabase database = new ScratchDatabase(options.dbHost(), options.dbUser(), options.dbPassword())) {
            onMariaDb(database);
        }
        Files.createDirectories(options.report().toAbsolutePath().getParent());
        Files.writeString(options.report(), report);
        System.out.println("report written to " + options.report());
    }

    private void embeddedStarts() throws IOException {
        Path dataDir = Files.createDirectories(workDir.resolve("h2-data"));
        line("## Start to healthy on embedded H2");
        line("");
        line("| start | data directory | start → /health 200 |");
        line("|---|---|---|");
        for (int i = 1; i <= options.h2Starts(); i++) {
            Map<String, String> env = Map.of("CONVRO_DATA_DIR", dataDir.toString());
            try (ServerUnderTest server = ServerUnderTest.start(options.serverJar(), options.serverJvmOptions(), env,
                    false, workDir.resolve("h2-" + i + ".log"))) {
                line("| " + i + " | " + (i == 1 ? "new (schema created)" : "existing") + " | "
                        + server.startToHealthyMillis() + " ms |");
            }
        }
        line("");
    }

    /**
     * Wait (at most a minute) until mariadbd is idle: a previous run's dropped tables and flushing would otherwise
     * take CPU from this one.
     */
    private static long awaitQuietDatabase() {
        long started = System.nanoTime();
        while (System.nanoTime() - started < TimeUnit.SECONDS.toNanos(60)) {
            long before = ProcessStats.cpuMicrosOf("mariadbd");
            ServerUnderTest.sleep(2_000);
            if (ProcessStats.cpuMicrosOf("mariadbd") - before < 100_000) { // under 5 % of a core
                break;
            }
        }
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
    }

    private void onMariaDb(ScratchDatabase database) throws IOException {
        Map<String, String> env = new HashMap<>();
        env.put("CONVRO_DB_URL", database.jdbcUrl()
                + (options.dbUrlParameters().isBlank() ? "" : "?" + options.dbUrlParameters()));
        env.put("CONVRO_DB_USER", options.dbUser());
        env.put("CONVRO_DB_PASSWORD", options.dbPassword());
        env.put("CONVRO_JWT_SECRET", JWT_SECRET);
        env.put("CONVRO_AUTH_RATE_LIMIT", "0"); // the set-up registers 2N users from one address
        // one device sends hundreds a second and the idle-socket phase opens thousands of sockets: a load generator, not
        // a chat. Set far above the load rather than off (0), so the limits' checks are still paid for and measured.
        env.put("CONVRO_SEND_RATE_LIMIT", "100000000");
        env.put("CONVRO_SOCKET_RATE_LIMIT", "100000000");
        env.put("CONVRO_PENDING_SOCKETS_PER_ADDRESS", "100000000");
        env.put("CONVRO_ACCESS_TOKEN_TTL", "3600");
        Path serverLog = workDir.resolve("server-mariadb.log");
        long quietAfter = awaitQuietDatabase();
        try (ServerUnderTest server = ServerUnderTest.start(options.serverJar(), options.serverJvmOptions(), env,
                options.twoPorts(), serverLog)) {
            line("## On MariaDB");
            line("");
            line("MariaDB idle after " + quietAfter + " ms of waiting; start → /health 200 on a new database (schema created): "
                    + server.startToHealthyMillis() + " ms.");
            long setupStarted = System.nanoTime();
            List<Pairs.Pair> pairs = Pairs.create(new Rest(server.base()), options.pairs(), 4);
            line("Set-up of " + pairs.size() + " pairs through the API (register ×2, prekeys, bundle, open, accept): "
                    + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - setupStarted) + " ms.");
            line("");
            HttpClient sockets = HttpClient.newBuilder().executor(Runnable::run).build();
            Deliveries deliveries = new Deliveries();
            List<SocketClient> listeners = connectAll(sockets, server.socketBase(),
                    pairs.stream().map(Pairs.Pair::recipientToken).toList(), deliveries::record);
            byte[] ciphertext = Pairs.random(256);
            Wrk wrk = new Wrk(workDir, Pairs.writeForWrk(pairs, workDir.resolve("pairs.txt")), Pairs.b64(ciphertext),
                    Pairs.b64(Pairs.random(16)));

            List<PhaseResult> results = new ArrayList<>();
            int first = options.connections().get(0);
            results.add(phase("cold", first, options.coldSeconds(), server, database, wrk, deliveries));
            if (options.warmupSeconds() > 0) {
                results.add(phase("warm", first, options.warmupSeconds(), server, database, wrk, deliveries));
            }
            for (int connections : options.connections()) {
                results.add(phase("c" + connections, connections, options.measureSeconds(), server, database, wrk, deliveries));
            }
            phaseTable(results);
            listeners.forEach(SocketClient::close);
            idleSockets(sockets, server, pairs);
            line("");
            line("Server log: " + serverLog);
        }
    }

    private PhaseResult phase(String name, int connections, int seconds, ServerUnderTest server, ScratchDatabase database,
                              Wrk wrk, Deliveries deliveries) {
        System.out.println("phase " + name + ": " + connections + " connections, " + seconds + " s");
        ProcessHandle process = server.handle();
        AtomicLong maxRss = new AtomicLong();
        Thread sampler = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                maxRss.accumulateAndGet(ProcessStats.rssKib(process), Math::max);
                try {
                    Thread.sleep(250);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "rss-sampler");
        sampler.setDaemon(true);
        deliveries.open(name, seconds * EXPECTED_SENDS_PER_SECOND);
        System.gc(); // this JVM's own: the phase's new storage moves to the old generation now, not in a pause under load
        long serverCpu = ProcessStats.cpuMicros(process);
        long databaseCpu = ProcessStats.cpuMicrosOf("mariadbd");
        long machineCpu = ProcessStats.machineBusyMicros();
        // wrk's CPU is known only once it has ended and been waited for: this JVM's finished children's time
        long loadCpu = ProcessStats.ownCpuMicros(ProcessHandle.current()) + ProcessStats.finishedChildrenCpuMicros();
        long started = System.nanoTime();
        sampler.start();
        profiler.ifPresent(profile -> profile.start(process));
        Wrk.Result http = wrk.run(server.base(), name, options.wrkThreads(), connections, seconds);
        double wallMicros = (System.nanoTime() - started) / 1_000.0;
        serverCpu = ProcessStats.cpuMicros(process) - serverCpu;
        databaseCpu = ProcessStats.cpuMicrosOf("mariadbd") - databaseCpu;
        machineCpu = ProcessStats.machineBusyMicros() - machineCpu;
        loadCpu = ProcessStats.ownCpuMicros(ProcessHandle.current()) + ProcessStats.finishedChildrenCpuMicros() - loadCpu;
        sampler.interrupt();
        profiler.ifPresent(profile -> System.out.println("  profile: " + profile.stop(process, name)));
        long stored = database.storedIn(name);
        Deliveries.Phase delivered = deliveries.phase(name);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (delivered.count() < stored && System.nanoTime() < deadline) {
            ServerUnderTest.sleep(50);
        }
        long[] latency = delivered.latencies.percentiles(50, 99, 100);
        PhaseResult result = new PhaseResult(name, connections, http, stored, delivered.count(), latency[0], latency[1],
                latency[2], serverCpu / wallMicros, databaseCpu / wallMicros, machineCpu / wallMicros, loadCpu / wallMicros,
                maxRss.get());
        System.out.printf("  %.0f sends/s, HTTP p50 %s p99 %s, delivery p50 %s p99 %s, lost %d, server CPU %.2f, RSS %d MiB%n",
                http.perSecond(), ms(http.p50()), ms(http.p99()), ms(result.deliveryP50()), ms(result.deliveryP99()),
                result.lost(), result.serverCpu(), result.maxRssKib() / 1024);
        return result;
    }

    private void phaseTable(List<PhaseResult> results) {
        line("## Sends");
        line("");
        line("`POST /v1/dm/messages/send` with 256 bytes of ciphertext, round-robin over the pairs; `dm:message` timed from the "
                + "moment wrk made the request until the recipient's socket had it. CPU in cores (2.0 = the whole machine).");
        line("");
        line("| phase | conns | seconds | sends/s | HTTP p50 | HTTP p90 | HTTP p99 | HTTP max | non-2xx | socket errors "
                + "| delivery p50 | delivery p99 | delivery max | stored | delivered | lost | 2xx not stored "
                + "| server CPU | mariadbd CPU | load CPU | machine CPU | server RSS max |");
        line("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
        for (PhaseResult r : results) {
            line(String.format("| %s | %d | %.0f | **%.0f** | %s | %s | %s | %s | %d | %d | %s | %s | %s | %d | %d | %d | %d | %.2f | %.2f | %.2f | %.2f | %d MiB |",
                    r.name(), r.connections(), r.http().durationMicros() / 1e6, r.http().perSecond(), ms(r.http().p50()),
                    ms(r.http().p90()), ms(r.http().p99()), ms(r.http().max()), r.http().non2xx(), r.http().socketErrors(),
                    ms(r.deliveryP50()), ms(r.deliveryP99()), ms(r.deliveryMax()), r.stored(), r.delivered(), r.lost(),
                    r.acknowledgedNotStored(), r.serverCpu(), r.databaseCpu(), r.loadCpu(), r.machineCpu(), r.maxRssKib() / 1024));
        }
        line("");
    }

    private void idleSockets(HttpClient sockets, ServerUnderTest server, List<Pairs.Pair> pairs) {
        if (options.idleSockets() <= 0) {
            return;
        }
        System.out.println("connecting " + options.idleSockets() + " idle sockets");
        long before = ProcessStats.rssKib(server.handle());
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < options.idleSockets(); i++) {
            tokens.add(pairs.get(i % pairs.size()).recipientToken());
        }
        long started = System.nanoTime();
        List<SocketClient> idle = connectAll(sockets, server.socketBase(), tokens, event -> { });
        long connectMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        ServerUnderTest.sleep(5_000);
        long after = ProcessStats.rssKib(server.handle());
        line("## Idle sockets");
        line("");
        line(String.format("%d websockets connected and authenticated in %d ms; server RSS %d MiB before, %d MiB with them "
                        + "(%.1f KiB per socket).", idle.size(), connectMillis, before / 1024, after / 1024,
                (after - before) / (double) idle.size()));
        idle.forEach(SocketClient::close);
    }

    /** Connect one socket per token, a few hundred at a time, and wait until every one is in. */
    private static List<SocketClient> connectAll(HttpClient http, URI base, List<String> tokens,
                                                 java.util.function.Consumer<String> events) {
        Semaphore inFlight = new Semaphore(200);
        List<CompletableFuture<SocketClient>> pending = new ArrayList<>();
        for (String token : tokens) {
            inFlight.acquireUninterruptibly();
            pending.add(SocketClient.connect(http, base, token, events).whenComplete((client, error) -> inFlight.release()));
        }
        List<SocketClient> clients = new ArrayList<>();
        for (CompletableFuture<SocketClient> client : pending) {
            clients.add(client.join());
        }
        return clients;
    }

    private static String ms(long micros) {
        return String.format("%.2f ms", micros / 1000.0);
    }

    private void line(String text) {
        report.append(text).append('\n');
        System.out.println(text);
    }
}
