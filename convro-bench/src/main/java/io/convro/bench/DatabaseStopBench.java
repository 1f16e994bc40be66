package io.convro.bench;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The server under a database that stops answering, on the jar's defaults (a bare {@code java -jar}: 256 MiB heap),
 * against a private mariadbd that is stopped with SIGSTOP (connections stay open, nothing answers):
 * <ol>
 *   <li><b>sends</b>: {@code --rate} sends a second [400] of {@code --ciphertext} bytes [49152] for {@code --before}
 *       seconds [10], during a stop of {@code --stop} seconds [20] and {@code --after} seconds [15] after it;
 *       {@code /health} every 100 ms. Per period: statuses, slowest answer, slowest health answer, the server's RSS
 *       (launcher and server JVM), whether the server lived;</li>
 *   <li><b>logins</b>: a stop of {@code --login-stop} seconds [75] with {@code --logins} [200] logins sent at once
 *       while it lasts; then whether the server lives and a normal login works.</li>
 * </ol>
 * <pre>java -cp convro-bench/target/convro-bench.jar io.convro.bench.DatabaseStopBench [--name=value …]</pre>
 * Needs mariadbd and mariadb-install-db (never stops the shared MariaDB). Nothing here asserts.
 */
public final class DatabaseStopBench {
    private static final String JWT_SECRET = "bench-secret-bench-secret-bench-secret-0123456789";
    private static final int MAX_IN_FLIGHT = 4_000;

    private final Map<String, String> options;
    private final StringBuilder report = new StringBuilder();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).executor(Executors.newFixedThreadPool(4)).build();

    private DatabaseStopBench(Map<String, String> options) {
        this.options = options;
    }

    public static void main(String[] args) throws Exception {
        LoadJvm.prepare();
        Map<String, String> options = new HashMap<>(Map.of("jar", "convro-bootstrap/target/convro-server.jar", "rate", "400",
                "ciphertext", "49152", "before", "10", "stop", "20", "after", "15", "login-stop", "75", "logins", "200",
                "report", "convro-bench/target/database-stop-report.md"));
        options.put("server-env", "");
        Map<String, String> given = BenchOptions.given(args);
        List<String> unknown = given.keySet().stream().filter(name -> !options.containsKey(name)).toList();
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("unknown options: " + unknown + "; known: " + options.keySet());
        }
        options.putAll(given);
        new DatabaseStopBench(options).run();
        System.exit(0); // the HTTP client's threads would keep the JVM up
    }

    private void run() throws Exception {
        Path work = Files.createTempDirectory("convro-db-stop");
        line("# Database stop, " + Instant.now().truncatedTo(ChronoUnit.SECONDS));
        line("");
        try (PrivateMariaDb mariadb = PrivateMariaDb.start()) {
            Map<String, String> env = new HashMap<>();
            env.put("CONVRO_DB_URL", mariadb.jdbcUrl());
            env.put("CONVRO_JWT_SECRET", JWT_SECRET);
            env.put("CONVRO_AUTH_RATE_LIMIT", "0");
            env.put("CONVRO_SEND_RATE_LIMIT", "0"); // 400 sends/s over 20 devices is a load generator, not a chat
            env.put("CONVRO_DATA_DIR", work.resolve("data").toString());
            if (!options.get("server-env").isBlank()) {
                for (String pair : options.get("server-env").split(",")) {
                    env.put(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
                }
            }
            try (ServerUnderTest server = ServerUnderTest.start(Path.of(options.get("jar")), List.of(), env, false,
                    work.resolve("server.log"))) {
                line(String.format("Server: the jar's defaults on a private mariadbd; %d cores; server log %s.",
                        Runtime.getRuntime().availableProcessors(), work.resolve("server.log")));
                line("");
                Rest rest = new Rest(server.base());
                List<Pairs.Pair> pairs = Pairs.create(rest, 20, 2);
                rest.post("/v1/auth/register", null, Map.of("password", Pairs.PASSWORD, "username", "stopbench"), 201);
                sends(server, mariadb, pairs);
                logins(server, mariadb);
            }
        }
        Path file = Path.of(options.get("report"));
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, report);
        System.out.println("report written to " + file);
    }

    private void sends(ServerUnderTest server, PrivateMariaDb mariadb, List<Pairs.Pair> pairs) {
        int rate = number("rate");
        line(String.format("## %d sends/s of %d bytes of ciphertext, the database stopped for %d s", rate,
                number("ciphertext"), number("stop")));
        line("");
        line("| period | seconds | sends answered | statuses | slowest send | /health answers | slowest /health | RSS max | server alive |");
        line("|---|---|---|---|---|---|---|---|---|");
        String[] bodies = new String[8];
        for (int i = 0; i < bodies.length; i++) {
            bodies[i] = Pairs.b64(Pairs.random(number("ciphertext")));
        }
        String tag = Pairs.b64(Pairs.random(16));
        Period period = new Period("before");
        Semaphore inFlight = new Semaphore(MAX_IN_FLIGHT);
        AtomicLong sequence = new AtomicLong();
        ScheduledExecutorService clock = Executors.newScheduledThreadPool(2);
        long periodNanos = 1_000_000_000L / rate;
        Period[] current = {period};
        clock.scheduleAtFixedRate(() -> {
            if (!inFlight.tryAcquire()) {
                current[0].skipped.incrementAndGet();
                return;
            }
            long n = sequence.incrementAndGet();
            Pairs.Pair pair = pairs.get((int) (n % pairs.size()));
            String body = "{\"sessionId\":\"" + pair.sessionId() + "\",\"recipientDeviceId\":\"" + pair.recipientDeviceId()
                    + "\",\"clientMessageId\":\"stop-" + n + "\",\"ciphertext\":\"" + bodies[(int) (n % bodies.length)]
                    + "\",\"authTag\":\"" + tag + "\"}";
            Period at = current[0];
            long started = System.nanoTime();
            http.sendAsync(HttpRequest.newBuilder(server.base().resolve("/v1/dm/messages/send"))
                            .header("Authorization", "Bearer " + pair.senderToken()).header("Content-Type", "application/json")
                            .timeout(Duration.ofSeconds(120)).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.discarding())
                    .whenComplete((response, failure) -> {
                        inFlight.release();
                        at.answer(response == null ? -1 : response.statusCode(), System.nanoTime() - started);
                    });
        }, 0, periodNanos, TimeUnit.NANOSECONDS);
        clock.scheduleAtFixedRate(() -> {
            Period at = current[0];
            long started = System.nanoTime();
            int status = new Rest(server.base()).status("/health");
            at.health(status, System.nanoTime() - started);
            at.rss(ProcessStats.rssKib(server.handle()));
        }, 0, 100, TimeUnit.MILLISECONDS);

        sleep(number("before"));
        row(period, number("before"), server);
        current[0] = period = new Period("database stopped");
        mariadb.pause();
        sleep(number("stop"));
        mariadb.resume();
        row(period, number("stop"), server);
        current[0] = period = new Period("after");
        sleep(number("after"));
        clock.shutdownNow();
        sleep(5); // answers in flight
        row(period, number("after"), server);
        line("");
    }

    private void logins(ServerUnderTest server, PrivateMariaDb mariadb) {
        int logins = number("logins");
        line(String.format("## %d logins sent at once during a %d s stop", logins, number("login-stop")));
        line("");
        Period period = new Period("logins");
        long peakRss = ProcessStats.rssKib(server.handle());
        mariadb.pause();
        List<CompletableFuture<?>> answers = new ArrayList<>();
        String body = "{\"password\":\"" + Pairs.PASSWORD + "\",\"username\":\"stopbench\"}";
        for (int i = 0; i < logins; i++) {
            long started = System.nanoTime();
            answers.add(http.sendAsync(HttpRequest.newBuilder(server.base().resolve("/v1/auth/login"))
                            .header("Content-Type", "application/json").timeout(Duration.ofSeconds(300))
                            .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.discarding())
                    .whenComplete((response, failure) -> period.answer(response == null ? -1 : response.statusCode(),
                            System.nanoTime() - started)));
        }
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(number("login-stop"));
        while (System.nanoTime() < until) {
            peakRss = Math.max(peakRss, ProcessStats.rssKib(server.handle()));
            period.health(new Rest(server.base()).status("/health"), 0);
            sleep(1);
        }
        mariadb.resume();
        long resumed = System.nanoTime();
        CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).exceptionally(failed -> null).join();
        long afterResume = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - resumed);
        for (int i = 0; i < 20; i++) {
            peakRss = Math.max(peakRss, ProcessStats.rssKib(server.handle()));
            sleep(1);
        }
        boolean alive = server.handle().isAlive() && server.handle().descendants().findAny().map(ProcessHandle::isAlive).orElse(true);
        int normalLogin = new Rest(server.base()).status("/health") == 200 ? loginStatus(server, body) : -1;
        line(String.format("All %d answered (the last %d ms after the database came back): %s, slowest %d ms. Server alive: "
                        + "%s; RSS max %d MiB; /health after: %d; a normal login 20 s later: %d.", period.answered.get(),
                afterResume, new TreeMap<>(period.statuses), TimeUnit.NANOSECONDS.toMillis(period.slowest.get()),
                alive ? "yes" : "**no**", peakRss / 1024, new Rest(server.base()).status("/health"), normalLogin));
        line("");
    }

    private int loginStatus(ServerUnderTest server, String body) {
        try {
            return http.send(HttpRequest.newBuilder(server.base().resolve("/v1/auth/login"))
                    .header("Content-Type", "application/json").timeout(Duration.ofSeconds(30))
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private void row(Period period, int seconds, ServerUnderTest server) {
        boolean alive = server.handle().isAlive()
                && server.handle().descendants().allMatch(ProcessHandle::isAlive);
        line(String.format("| %s | %d | %d (%d not sent: %d in flight) | %s | %d ms | %s | %d ms | %d MiB | %s |",
                period.name, seconds, period.answered.get(), period.skipped.get(), MAX_IN_FLIGHT, new TreeMap<>(period.statuses),
                TimeUnit.NANOSECONDS.toMillis(period.slowest.get()), new TreeMap<>(period.healthStatuses),
                TimeUnit.NANOSECONDS.toMillis(period.slowestHealth.get()), period.maxRss.get() / 1024, alive ? "yes" : "**no**"));
    }

    /** What came back in one period, counted by the period the request was sent in. */
    private static final class Period {
        final String name;
        final ConcurrentMap<Integer, Long> statuses = new ConcurrentHashMap<>();
        final ConcurrentMap<Integer, Long> healthStatuses = new ConcurrentHashMap<>();
        final AtomicLong answered = new AtomicLong();
        final AtomicLong skipped = new AtomicLong();
        final AtomicLong slowest = new AtomicLong();
        final AtomicLong slowestHealth = new AtomicLong();
        final AtomicLong maxRss = new AtomicLong();

        Period(String name) {
            this.name = name;
        }

        void answer(int status, long nanos) {
            answered.incrementAndGet();
            statuses.merge(status, 1L, Long::sum);
            slowest.accumulateAndGet(nanos, Math::max);
        }

        void health(int status, long nanos) {
            healthStatuses.merge(status, 1L, Long::sum);
            slowestHealth.accumulateAndGet(nanos, Math::max);
        }

        void rss(long kib) {
            maxRss.accumulateAndGet(kib, Math::max);
        }
    }

    private int number(String name) {
        return Integer.parseInt(options.get(name));
    }

    private static void sleep(int seconds) {
        ServerUnderTest.sleep(seconds * 1000L);
    }

    private void line(String text) {
        report.append(text).append('\n');
        System.out.println(text);
    }
}
