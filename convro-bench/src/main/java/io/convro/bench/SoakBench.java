package io.convro.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * The soak of docs/benchmarks.md: the server jar (its defaults, a bare {@code java -jar}) on a private mariadbd, one
 * node or several with a private Redis, under a mixed load for {@code --minutes} with faults injected during it: the
 * server's JVM killed with SIGKILL in the middle of a burst of registrations and logins and started again, the
 * database stopped for 20 s, Redis stopped (several nodes), every socket dropped and reconnected at once, and a long
 * database stop with logins waiting. It reports per route p50/p99 and status counts, per fault what was answered
 * during it, the server's resident memory, how long after the fault's end the server was itself again, crashes, and
 * acknowledged-but-lost messages: after each fault every messageId answered 2xx so far is looked for in the database.
 * <pre>java -XX:+UseSerialGC -Xmx1g -cp convro-bench/target/convro-bench.jar io.convro.bench.SoakBench [--name=value …]</pre>
 * Needs mariadbd and mariadb-install-db, and redis-server for {@code --nodes=2}. Nothing here asserts.
 */
public final class SoakBench {
    private static final String JWT_SECRET = "soak-secret-soak-secret-soak-secret-0123456789ab";
    private static final String LOGIN_QUEUED = "POST /v1/auth/login (sent during the long stop)";
    private static final String LOGIN_AFTER = "POST /v1/auth/login (after the long stop)";
    /** Far above what the soak does, so every limit is still checked (and paid for) but none refuses the load. */
    private static final String UNLIMITED = "100000000";
    private static final int STEADY_BUCKETS = 30; // 3 s of only 2xx/429 answers: recovered

    private final SoakOptions options;
    private final Path work;
    private final StringBuilder report = new StringBuilder();
    private final List<SoakNode> nodes = new ArrayList<>();
    private final List<Fault> faults = new ArrayList<>();
    private final List<Acknowledged.Check> checks = new ArrayList<>();
    private final Acknowledged acknowledged = new Acknowledged();
    private final long benchStarted = System.nanoTime();
    private Timeline timeline;
    private LoadHttp http;
    private SocketFleet fleet;
    private SoakLoad load;
    private List<SoakLoad.Login> logins;
    private StoppableMariaDb database;
    private StoppableRedis redis;
    private long loadStarted;

    /** One injected fault: when it began and ended (seconds of the load), and what was seen. */
    private static final class Fault {
        final String name;
        volatile double start = -1;
        volatile double end = -1;
        final StringBuilder notes = new StringBuilder();

        Fault(String name) {
            this.name = name;
        }
    }

    private SoakBench(SoakOptions options, Path work) {
        this.options = options;
        this.work = work;
    }

    public static void main(String[] args) throws Exception {
        LoadJvm.prepare();
        // the server may close an idle keep-alive connection at any time; the client must not reuse one that old
        System.setProperty("jdk.httpclient.keepalive.timeout", "5");
        SoakOptions options = SoakOptions.parse(args);
        if (!Files.isRegularFile(options.path("jar"))) {
            throw new IllegalStateException(options.path("jar") + " is missing: build it first (mvn -DskipTests package)");
        }
        new SoakBench(options, Files.createTempDirectory("convro-soak")).run();
        System.exit(0);
    }

    private void run() throws Exception {
        String loadBefore = Files.readString(Path.of("/proc/loadavg")).trim();
        timeline = new Timeline(benchStarted, 900 + options.seconds() + options.number("login-stop") + 600);
        http = new LoadHttp(timeline, options.number("max-in-flight"));
        fleet = new SocketFleet(timeline);
        database = StoppableMariaDb.start(work);
        try {
            if (options.number("nodes") > 1) {
                redis = StoppableRedis.start();
            }
            for (int i = 1; i <= options.number("nodes"); i++) {
                nodes.add(new SoakNode("node-" + i, options.path("jar"), env(i), work.resolve("node-" + i + ".log"), timeline));
            }
            soak(loadBefore);
        } finally {
            nodes.forEach(SoakNode::close);
            if (redis != null) {
                redis.close();
            }
            database.close();
        }
        Files.writeString(work.resolve("timeline.csv"), timeline.csv(loadStarted == 0 ? 0 : timeline.bucketOf(loadStarted)));
        Path file = options.path("report");
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, report);
        System.out.println("report written to " + file + "; server logs and work files in " + work);
    }

    private Map<String, String> env(int node) {
        Map<String, String> env = new HashMap<>();
        env.put("CONVRO_DB_URL", database.jdbcUrl());
        env.put("CONVRO_DB_USER", "root");
        env.put("CONVRO_DB_PASSWORD", "");
        env.put("CONVRO_JWT_SECRET", JWT_SECRET);
        env.put("CONVRO_DATA_DIR", work.resolve("data-" + node).toString());
        env.put("CONVRO_ACCESS_TOKEN_TTL", "14400");
        for (String limit : List.of("CONVRO_AUTH_RATE_LIMIT", "CONVRO_RESOLVE_RATE_LIMIT", "CONVRO_RESOLVE_ADDRESS_RATE_LIMIT",
                "CONVRO_BUNDLE_RATE_LIMIT", "CONVRO_SESSION_OPEN_RATE_LIMIT", "CONVRO_SEND_RATE_LIMIT", "CONVRO_SOCKET_RATE_LIMIT",
                "CONVRO_PENDING_SOCKETS_PER_ADDRESS")) {
            env.put(limit, UNLIMITED);
        }
        if (redis != null) {
            env.put("CONVRO_REDIS_URL", redis.url());
        }
        if (!options.text("server-env").isBlank()) {
            for (String pair : options.text("server-env").split(",")) {
                env.put(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
            }
        }
        return env;
    }

    private void soak(String loadBefore) throws Exception {
        List<URI> bases = nodes.stream().map(SoakNode::base).toList();
        long setupStarted = System.nanoTime();
        List<Pairs.Pair> pairs = Pairs.create(new Rest(bases.get(0)), options.number("pairs"), 4);
        List<String> socketTokens = new ArrayList<>();
        logins = socketDevices(bases.get(0), socketTokens);
        long setupMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - setupStarted);
        long socketsStarted = System.nanoTime();
        for (int i = 0; i < pairs.size(); i++) {
            fleet.add(pairs.get(i).recipientToken(), bases.get(i % bases.size()), true);
        }
        int sockets = options.number("sockets");
        for (int i = 0; i < sockets; i++) {
            fleet.add(socketTokens.get(i % socketTokens.size()), bases.get(i % bases.size()), false);
            if (i % 200 == 199) {
                fleet.awaitAllConnected(60_000); // the first connect of each, a few hundred at a time
            }
        }
        long socketsMillis = fleet.awaitAllConnected(120_000) < 0 ? -1
                : TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - socketsStarted);
        System.out.println("set-up done in " + setupMillis + " ms; " + fleet.connected() + " sockets connected");

        load = new SoakLoad(options, bases, pairs, logins, http, acknowledged);
        loadStarted = System.nanoTime();
        load.start(loadStarted);
        ExecutorService faultThreads = Executors.newCachedThreadPool();
        List<Future<?>> running = new ArrayList<>();
        schedule(faultThreads, running, "kill-at", "server JVM killed (SIGKILL) mid-burst, restarted", this::kill);
        schedule(faultThreads, running, "db-stop-at", "database stopped " + options.number("db-stop") + " s ("
                + options.text("db-fault") + ")", fault -> databaseStop(fault, options.number("db-stop"), false));
        schedule(faultThreads, running, "redis-stop-at", "Redis stopped " + options.number("redis-stop") + " s ("
                + options.text("redis-fault") + ")", this::redisStop);
        schedule(faultThreads, running, "storm-at", "reconnect storm: every socket dropped and reconnected at once", this::storm);
        schedule(faultThreads, running, "login-stop-at", "database stopped " + options.number("login-stop") + " s ("
                + options.text("db-fault") + ") with " + options.number("login-stop-logins") + " logins waiting",
                fault -> databaseStop(fault, options.number("login-stop"), true));
        Thread progress = progress();
        sleepUntil(options.seconds());
        for (Future<?> fault : running) {
            fault.get();
        }
        load.stop();
        long drained = System.nanoTime() + TimeUnit.SECONDS.toNanos(options.number("request-timeout") + 5L);
        while (http.inFlight(options.number("max-in-flight")) > 0 && System.nanoTime() < drained) {
            ServerUnderTest.sleep(100);
        }
        double loadSeconds = (System.nanoTime() - loadStarted) / 1e9;
        progress.interrupt();
        check("the end of the load");
        fleet.close();
        faultThreads.shutdown();
        write(loadBefore, setupMillis, socketsMillis, loadSeconds);
    }

    /** Users whose devices hold the idle sockets (no message is sent to them); also the first users the bursts log in. */
    private List<SoakLoad.Login> socketDevices(URI base, List<String> tokens) throws Exception {
        Rest rest = new Rest(base);
        String tag = Pairs.hex(3);
        ExecutorService workers = Executors.newFixedThreadPool(4);
        List<Future<JsonNode>> pending = new ArrayList<>();
        for (int i = 0; i < options.number("socket-devices"); i++) {
            String username = "soakdev_" + tag + "_" + i;
            pending.add(workers.submit(() -> rest.post("/v1/auth/register", null,
                    Map.of("password", Pairs.PASSWORD, "username", username, "platform", "web"), 201)));
        }
        List<SoakLoad.Login> pool = new ArrayList<>();
        for (Future<JsonNode> registered : pending) {
            JsonNode user = registered.get();
            tokens.add(user.get("accessToken").asText());
            pool.add(new SoakLoad.Login(user.get("username").asText(), user.get("deviceId").asText()));
        }
        workers.shutdown();
        return pool;
    }

    private interface FaultAction {
        void run(Fault fault) throws Exception;
    }

    private void schedule(ExecutorService threads, List<Future<?>> running, String option, String name, FaultAction action) {
        int at = options.faultAt(option);
        if (at < 0) {
            return;
        }
        Fault fault = new Fault(name);
        faults.add(fault);
        running.add(threads.submit(() -> {
            sleepUntil(at);
            System.out.println(String.format("%.1f s: %s", now(), name));
            fault.start = now();
            try {
                action.run(fault);
            } catch (Exception e) {
                fault.notes.append(" **the fault itself failed: ").append(e).append("**");
                e.printStackTrace();
            }
            if (fault.end < 0) {
                fault.end = now();
            }
            System.out.println(String.format("%.1f s: fault over (%s)", now(), name));
            ServerUnderTest.sleep(options.number("check-after") * 1000L);
            check("the " + name + " (" + options.number("check-after") + " s after its end)");
            return null;
        }));
    }

    private void kill(Fault fault) {
        SoakNode node = nodes.get(0);
        long gone = node.kill();
        fault.end = now();
        long healthy = node.restart();
        double restarted = now();
        long sockets = fleet.awaitAllConnected(120_000);
        fault.notes.append(String.format("%s's server JVM killed; the launcher exited %d ms later; started again at once: "
                        + "/health 200 after %d ms; all %d sockets connected again %s after the restart began", node.name(), gone,
                healthy, fleet.size(), sockets < 0 ? "**not within 120 s**"
                        : String.format("%.1f s", restarted - fault.end + sockets / 1000.0)));
    }

    private void databaseStop(Fault fault, int seconds, boolean withLogins) throws Exception {
        boolean kill = options.text("db-fault").equals("kill");
        if (kill) {
            database.kill();
        } else {
            database.pause();
        }
        List<CompletableFuture<LoadHttp.Answer>> queued = new ArrayList<>();
        if (withLogins) {
            ServerUnderTest.sleep(1_000);
            List<SoakLoad.Login> chosen;
            synchronized (logins) {
                chosen = new ArrayList<>(logins.subList(0, Math.min(options.number("login-stop-logins"), logins.size())));
            }
            for (int i = 0; i < chosen.size(); i++) {
                URI node = nodes.get(i % nodes.size()).base();
                queued.add(http.send(LOGIN_QUEUED, HttpRequest.newBuilder(node.resolve("/v1/auth/login"))
                        .timeout(Duration.ofSeconds(seconds + 180L)).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(SoakLoad.loginBody(chosen.get(i)))).build()));
            }
        }
        sleepUntilSecond(fault.start + seconds);
        if (kill) {
            database.restart();
        } else {
            database.resume();
        }
        fault.end = now();
        if (withLogins) {
            CompletableFuture.allOf(queued.toArray(CompletableFuture[]::new)).join();
            double lastAnswer = now();
            ServerUnderTest.sleep(5_000);
            SoakLoad.Login someone = logins.get(0);
            LoadHttp.Answer normal = http.send(LOGIN_AFTER, load.post(nodes.get(0).base(), "/v1/auth/login", null,
                    SoakLoad.loginBody(someone))).join();
            Map<Integer, Long> statuses = new TreeMap<>();
            queued.forEach(answer -> statuses.merge(answer.join().status(), 1L, Long::sum));
            fault.notes.append(String.format("%d logins sent 1 s into the stop: answered %s, all of them %.1f s after the "
                            + "database came back; server alive: %s; a normal login 5 s later: %d", queued.size(), statuses,
                    lastAnswer - fault.end, nodes.stream().allMatch(SoakNode::alive) ? "yes" : "**no**", normal.status()));
        }
    }

    private void redisStop(Fault fault) throws Exception {
        if (redis == null) {
            fault.notes.append("no Redis (one node): nothing stopped");
            return;
        }
        boolean kill = options.text("redis-fault").equals("kill");
        if (kill) {
            redis.kill();
        } else {
            redis.pause();
        }
        sleepUntilSecond(fault.start + options.number("redis-stop"));
        if (kill) {
            redis.restart();
        } else {
            redis.resume();
        }
        fault.end = now();
    }

    private void storm(Fault fault) {
        fleet.storm();
        long millis = fleet.awaitAllConnected(120_000);
        fault.end = now();
        fault.notes.append(millis < 0 ? "**not every socket was back within 120 s**"
                : String.format("all %d sockets connected again after %d ms", fleet.size(), millis));
    }

    private void check(String after) {
        for (int attempt = 1; ; attempt++) {
            try {
                Acknowledged.Check check = acknowledged.check(after, database);
                synchronized (checks) {
                    checks.add(check);
                }
                System.out.println("lost check after " + after + ": " + check.acknowledged() + " acknowledged, "
                        + check.missing() + " missing");
                return;
            } catch (Exception e) {
                if (attempt == 5) {
                    synchronized (checks) {
                        checks.add(new Acknowledged.Check(after + " (**the database could not be read: " + e.getMessage()
                                + "**)", acknowledged.count(), -1, List.of()));
                    }
                    return;
                }
                ServerUnderTest.sleep(5_000);
            }
        }
    }

    private Thread progress() {
        Thread thread = new Thread(() -> {
            long lastSends = 0;
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    Thread.sleep(10_000);
                } catch (InterruptedException e) {
                    return;
                }
                long sends = acknowledged.count();
                System.out.println(String.format("%.0f s: %d sends acknowledged (%d/s), %d in flight, %d/%d sockets, RSS %s MiB",
                        now(), sends, (sends - lastSends) / 10, http.inFlight(options.number("max-in-flight")),
                        fleet.connected(), fleet.size(), nodes.stream().map(node -> Long.toString(
                                node.maxRssKib(bucket(now() - 1), bucket(now()) + 1) / 1024)).toList()));
                lastSends = sends;
            }
        }, "soak-progress");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    // ---------------------------------------------------------------------------------------------------- the report

    private void write(String loadBefore, long setupMillis, long socketsMillis, double loadSeconds) throws IOException {
        String loadAfter = Files.readString(Path.of("/proc/loadavg")).trim();
        line("# Soak, " + Instant.now().truncatedTo(ChronoUnit.SECONDS));
        line("");
        line(String.format("%d node(s), the jar's defaults (a bare `java -jar`: launcher and server JVM, 256 MiB heap) on a "
                        + "private mariadbd%s; %d cores; load average %s before, %s after. Every rate limit set to %s a period "
                        + "(checked, never reached: a load generator is not a chat). Options: `%s`.", nodes.size(),
                redis != null ? " and a private Redis" : "", Runtime.getRuntime().availableProcessors(),
                loadBefore.substring(0, loadBefore.indexOf(' ', 15)), loadAfter.substring(0, loadAfter.indexOf(' ', 15)),
                UNLIMITED, options));
        line("");
        line(String.format("Set-up: %d pairs and %d socket devices registered in %d ms; %d sockets (%d listening for the "
                        + "pairs' messages) connected in %d ms. Load: %.0f s; %d sends acknowledged (%.0f/s), %d users registered "
                        + "by the bursts, %d `dm:message` events received.", options.number("pairs"),
                options.number("socket-devices"), setupMillis, fleet.size(), options.number("pairs"), socketsMillis, loadSeconds,
                acknowledged.count(), acknowledged.count() / loadSeconds, load.registered(), fleet.events()));
        line("");
        verdict();
        faultTable();
        routeTable();
        faultRouteTable();
        checkTable();
        nodeTable(loadSeconds);
    }

    private void verdict() {
        long crashes = nodes.stream().mapToLong(node -> node.crashes().size()).sum();
        long lost = checks.stream().mapToLong(Acknowledged.Check::missing).max().orElse(-1);
        long serverErrors = 0;
        for (Timeline.Route route : timeline.routes().values()) {
            serverErrors += route.statusCounts().entrySet().stream().filter(e -> e.getKey() >= 500 && e.getKey() != 503)
                    .mapToLong(Map.Entry::getValue).sum();
        }
        line("## Verdict");
        line("");
        line("| what | seen |");
        line("|---|---|");
        line("| crashes other than the injected kill | **" + crashes + "** |");
        line("| acknowledged messages lost (largest count of any check) | **" + lost + "** of " + acknowledged.count()
                + (acknowledged.withoutId() > 0 ? " (" + acknowledged.withoutId() + " 2xx answers without a messageId)" : "") + " |");
        line("| answers 5xx other than 503, every route | **" + serverErrors + "** |");
        StringBuilder recoveries = new StringBuilder();
        for (Fault fault : faults) {
            recoveries.append(recoveries.isEmpty() ? "" : "; ").append(fault.name).append(": ").append(recovery(fault));
        }
        line("| recovery after each fault's end | " + recoveries + " |");
        line("");
    }

    private String recovery(Fault fault) {
        if (fault.end < 0) {
            return "did not end";
        }
        int end = bucket(fault.end);
        int recovered = timeline.recoveredAt(SoakLoad.STEADY, end, STEADY_BUCKETS);
        return recovered < 0 ? "**never**" : String.format("%.1f s", Math.max(0, recovered - end) / 10.0);
    }

    /** When every steady answer came within 1 s again (for 3 s), after the fault's end. */
    private String fastAgain(Fault fault) {
        if (fault.end < 0) {
            return "did not end";
        }
        int end = bucket(fault.end);
        // from the recovery on: refused connections are answered fast too, and are not what "fast again" means
        int recovered = timeline.recoveredAt(SoakLoad.STEADY, end, STEADY_BUCKETS);
        int fast = recovered < 0 ? -1 : timeline.fastAgainAt(SoakLoad.STEADY, recovered, STEADY_BUCKETS, 1_000_000);
        return fast < 0 ? "**never**" : String.format("%.1f s", Math.max(0, fast - end) / 10.0);
    }

    private void faultTable() {
        line("## Faults");
        line("");
        line("Seconds from the load's start. *During*: requests sent from the fault's start to its end. Recovered: the first "
                + "moment after the end from which 3 s of the steady routes (sends, history, receipts, conversations, "
                + "bundles, /health) were answered 2xx (or 429) only; under 1 s again: the first moment from which 3 s of "
                + "them were all answered within 1 s.");
        line("");
        line("| fault | from | to | steady routes during | /health during | slowest /health during | RSS max during and until recovered | recovered after the end | every answer under 1 s again after the end | notes |");
        line("|---|---|---|---|---|---|---|---|---|---|");
        List<String> healthLines = new ArrayList<>();
        for (Fault fault : faults) {
            int from = bucket(fault.start);
            int to = bucket(Math.max(fault.end, fault.start));
            int recovered = timeline.recoveredAt(SoakLoad.STEADY, to, STEADY_BUCKETS);
            java.util.Set<String> steadyRoutes = new java.util.HashSet<>(SoakLoad.STEADY);
            steadyRoutes.remove(SoakLoad.HEALTH);
            String rss = nodes.stream().map(node -> node.name() + " " + node.maxRssKib(from, (recovered < 0 ? to : recovered) + 1) / 1024
                    + " MiB").reduce((a, b) -> a + ", " + b).orElse("");
            line(String.format("| %s | %.1f | %.1f | %s | %s | %d ms | %s | %s | %s | %s |", fault.name, fault.start, fault.end,
                    timeline.outcomes(steadyRoutes, from, to + 1), timeline.outcomes(java.util.Set.of(SoakLoad.HEALTH), from, to + 1),
                    timeline.slowest(SoakLoad.HEALTH, from, to + 1) / 1000, rss, recovery(fault), fastAgain(fault), fault.notes));
            Timeline.Route health = timeline.routes().get(SoakLoad.HEALTH);
            if (health != null) {
                long[] p = health.percentiles(from, to + 1, 50, 90, 99);
                healthLines.add(String.format("%s: /health p50 %s, p90 %s, p99 %s", fault.name, ms(p[0]), ms(p[1]), ms(p[2])));
            }
        }
        line("");
        line("During each fault, " + String.join("; ", healthLines) + ".");
        line("");
    }

    private void routeTable() {
        line("## Routes, the whole load");
        line("");
        line("Status -1: no connection (refused or reset), -2: no answer within the request's timeout (" + options.number(
                "request-timeout") + " s). 429s are counted, never as errors; \"not sent\": the load's limit of "
                + options.number("max-in-flight") + " requests waiting was reached.");
        line("");
        line("| route | answers | not sent | p50 | p99 | max | statuses |");
        line("|---|---|---|---|---|---|---|");
        timeline.routes().forEach((name, route) -> {
            long[] latency = route.latencies.percentiles(50, 99, 100);
            line(String.format("| %s | %d | %d | %s | %s | %s | %s |", name,
                    route.statusCounts().values().stream().mapToLong(Long::longValue).sum(), route.notSent.sum(),
                    ms(latency[0]), ms(latency[1]), ms(latency[2]), route.statusCounts()));
        });
        line("");
    }

    /** Every route's answers to the requests sent from each fault's start until it had recovered (or 30 s after its end). */
    private void faultRouteTable() {
        line("## Routes during each fault");
        line("");
        line("Requests sent from the fault's start until the server had recovered (or, if it did not, 30 s after the end), "
                + "counted by what they got.");
        line("");
        line("| fault | window (s) | route | answers | p50 | p99 | slowest | 503s by the server's message |");
        line("|---|---|---|---|---|---|---|---|");
        for (Fault fault : faults) {
            int from = bucket(fault.start);
            int end = bucket(Math.max(fault.end, fault.start));
            int recovered = timeline.recoveredAt(SoakLoad.STEADY, end, STEADY_BUCKETS);
            int to = Math.max(end, recovered < 0 ? end + 300 : recovered) + 1;
            for (String route : timeline.routes().keySet()) {
                Map<Timeline.Outcome, Long> outcomes = timeline.outcomes(java.util.Set.of(route), from, to);
                if (!outcomes.isEmpty()) {
                    long[] latency = timeline.routes().get(route).percentiles(from, to, 50, 99);
                    Map<String, Long> refusals = timeline.routes().get(route).refusals(from, to);
                    line(String.format("| %s | %.1f–%.1f | %s | %s | %s | %s | %s | %s |", fault.name, fault.start,
                            (to - bucket(0)) / 10.0, route, outcomes, ms(latency[0]), ms(latency[1]),
                            ms(timeline.slowest(route, from, to)), refusals.isEmpty() ? "" : refusals));
                }
            }
        }
        line("");
    }

    private void checkTable() {
        line("## Acknowledged-but-lost");
        line("");
        line("| checked after | acknowledged (2xx) so far | not in the database |");
        line("|---|---|---|");
        for (Acknowledged.Check check : checks) {
            line(String.format("| %s | %d | %s |", check.after(), check.acknowledged(),
                    check.missing() == 0 ? "0" : "**" + check.missing() + "** " + check.firstMissing()));
        }
        line("");
    }

    private void nodeTable(double loadSeconds) {
        line("## Nodes");
        line("");
        line("| node | first start → /health 200 | restarts (start → /health 200) | crashes | RSS max, whole load | CPU (cores, over the load) | log lines with ERROR / OutOfMemoryError |");
        line("|---|---|---|---|---|---|---|");
        int from = bucket(0);
        int to = bucket(loadSeconds) + 1;
        double load = loadSeconds * 1e6;
        for (SoakNode node : nodes) {
            line(String.format("| %s | %d ms | %s | %s | %d MiB | %.2f | %d / %d |", node.name(), node.firstStartMillis(),
                    node.restarts().stream().map(ms -> ms + " ms").toList(), node.crashes().isEmpty() ? "0" : "**" + node.crashes() + "**",
                    node.maxRssKib(from, to) / 1024, node.cpuMicros() / load, node.logLinesWith("ERROR"),
                    node.logLinesWith("java.lang.OutOfMemoryError")));
        }
        line("");
        line(String.format("The soak's own JVM (load, %d sockets, checks) used %.2f cores over the whole run; the private mariadbd "
                        + "%.2f since its last start. Server logs: %s.", fleet.size(),
                ProcessStats.ownCpuMicros(ProcessHandle.current()) / ((System.nanoTime() - benchStarted) / 1e3),
                ProcessStats.ownCpuMicros(database.handle()) / ((System.nanoTime() - benchStarted) / 1e3),
                nodes.stream().map(node -> node.log().toString()).toList()));
        line("");
    }

    // ---------------------------------------------------------------------------------------------------- time

    /** Seconds since the load started. */
    private double now() {
        return (System.nanoTime() - loadStarted) / 1e9;
    }

    private int bucket(double loadSecond) {
        return timeline.bucketOf(loadStarted + (long) (loadSecond * 1e9));
    }

    private void sleepUntil(int loadSecond) {
        sleepUntilSecond(loadSecond);
    }

    private void sleepUntilSecond(double loadSecond) {
        long millis = (long) ((loadSecond - now()) * 1000);
        if (millis > 0) {
            ServerUnderTest.sleep(millis);
        }
    }

    private static String ms(long micros) {
        return String.format("%.1f ms", micros / 1000.0);
    }

    private void line(String text) {
        report.append(text).append('\n');
        System.out.println(text);
    }
}
