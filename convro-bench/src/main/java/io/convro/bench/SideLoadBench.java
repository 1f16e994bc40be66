package io.convro.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * History, conversations and receipts at fixed rates beside someone else's send load: run it next to
 * {@code compare.sh} (whose Convro phase listens on port 18080) and it waits for that server, sets up pairs of its
 * own, and from then on drives, until the server goes away:
 * <ul>
 *   <li>{@code GET /v1/dm/messages/history}: a recipient's catch-up ({@code afterId} = the newest it has seen),</li>
 *   <li>{@code POST /v1/dm/messages/receipts}: READ for what that catch-up brought,</li>
 *   <li>{@code GET /v1/dm/messages/conversations},</li>
 *   <li>and its own sends at a low rate, so that each catch-up finds something new.</li>
 * </ul>
 * It reports every route's p50/p99 and statuses, per window of the run and over all of it.
 *
 * <pre>
 * java -cp convro-bench/target/convro-bench.jar io.convro.bench.SideLoadBench [--base=http://127.0.0.1:18080]
 *     [--pairs=10] [--history-rate=20] [--conversations-rate=10] [--send-rate=20] [--window=10]
 *     [--wait=900] [--report=convro-bench/target/side-load-report.md]
 * </pre>
 */
public final class SideLoadBench {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> ROUTES = List.of("GET /v1/dm/messages/history", "POST /v1/dm/messages/receipts",
            "GET /v1/dm/messages/conversations", "POST /v1/dm/messages/send");

    private final URI base;
    private final Map<String, String> options;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    /** Per window (its start, in seconds from the load's start) and route: latencies and statuses. */
    private final Map<Long, Map<String, Latencies>> latencies = new ConcurrentHashMap<>();
    private final Map<Long, Map<String, Map<Integer, LongAdder>>> statuses = new ConcurrentHashMap<>();
    private final String authTag = Pairs.b64(Pairs.random(16));
    private final String ciphertext = Pairs.b64(Pairs.random(256));
    private final AtomicLong sequence = new AtomicLong();
    private final AtomicLong catchUps = new AtomicLong();
    private final AtomicLong conversationReads = new AtomicLong();
    private volatile long startedNanos;
    private volatile long lastAnswerNanos;
    private String setupSeconds = "?";
    private List<Pairs.Pair> pairs;
    private AtomicLongArray newestSeen;

    private SideLoadBench(URI base, Map<String, String> options) {
        this.base = base;
        this.options = options;
    }

    public static void main(String[] args) throws Exception {
        LoadJvm.prepare();
        Map<String, String> options = new LinkedHashMap<>(Map.of("base", "http://127.0.0.1:18080", "pairs", "10",
                "history-rate", "20", "conversations-rate", "10", "send-rate", "20", "window", "10", "wait", "900",
                "report", "convro-bench/target/side-load-report.md"));
        Map<String, String> given = BenchOptions.given(args);
        if (!options.keySet().containsAll(given.keySet())) {
            throw new IllegalArgumentException("options: " + options.keySet());
        }
        options.putAll(given);
        new SideLoadBench(URI.create(options.get("base")), options).run();
        System.exit(0);
    }

    private int number(String name) {
        return Integer.parseInt(options.get(name));
    }

    private void run() throws Exception {
        Rest rest = new Rest(base);
        long waitUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(number("wait"));
        while (rest.status("/health") != 200) {
            if (System.nanoTime() > waitUntil) {
                throw new IllegalStateException("no server at " + base + " within " + number("wait") + " s");
            }
            Thread.sleep(500);
        }
        Instant since = Instant.now();
        // one pair at a time: registration hashes a password, and the driver beside us registers its own users
        long setupStarted = System.nanoTime();
        pairs = Pairs.create(rest, number("pairs"), 1);
        setupSeconds = String.format("%.1f", (System.nanoTime() - setupStarted) / 1e9);
        newestSeen = new AtomicLongArray(pairs.size());
        System.out.println("side load: " + pairs.size() + " pairs set up at " + base + "; driving until it goes away");
        ScheduledExecutorService clock = Executors.newScheduledThreadPool(2);
        startedNanos = System.nanoTime();
        lastAnswerNanos = startedNanos;
        every(clock, number("send-rate"), this::send);
        every(clock, number("history-rate"), this::catchUp);
        every(clock, number("conversations-rate"), this::conversations);
        // the server is gone once nothing has answered for 5 s (compare.sh stops it after its last phase)
        while (System.nanoTime() - lastAnswerNanos < TimeUnit.SECONDS.toNanos(5)) {
            Thread.sleep(500);
        }
        clock.shutdownNow();
        Files.writeString(Path.of(options.get("report")), report(since));
        System.out.println("side load report written to " + options.get("report"));
    }

    private static void every(ScheduledExecutorService clock, int perSecond, Runnable task) {
        if (perSecond > 0) {
            clock.scheduleAtFixedRate(() -> {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    System.out.println("side load task failed: " + e);
                }
            }, 0, 1_000_000_000L / perSecond, TimeUnit.NANOSECONDS);
        }
    }

    private void send() {
        long n = sequence.incrementAndGet();
        Pairs.Pair pair = pairs.get((int) (n % pairs.size()));
        String body = "{\"sessionId\":\"" + pair.sessionId() + "\",\"recipientDeviceId\":\"" + pair.recipientDeviceId()
                + "\",\"clientMessageId\":\"side-" + startedNanos + "-" + n + "\",\"ciphertext\":\"" + ciphertext
                + "\",\"authTag\":\"" + authTag + "\"}";
        request(ROUTES.get(3), post("/v1/dm/messages/send", pair.senderToken(), body));
    }

    private void catchUp() {
        long n = catchUps.incrementAndGet();
        int index = (int) (n % pairs.size());
        Pairs.Pair pair = pairs.get(index);
        request(ROUTES.get(0), get(Pairs.catchUpPath(pair, newestSeen.get(index), 100), pair.recipientToken())).thenAccept(body -> {
            List<Long> ids = new ArrayList<>();
            try {
                for (JsonNode message : JSON.readTree(body).path("messages")) {
                    ids.add(message.path("messageId").asLong());
                }
            } catch (IOException unreadable) {
                return;
            }
            if (!ids.isEmpty()) {
                newestSeen.accumulateAndGet(index, ids.stream().mapToLong(Long::longValue).max().getAsLong(), Math::max);
                request(ROUTES.get(1), post("/v1/dm/messages/receipts", pair.recipientToken(),
                        "{\"messageIds\":" + ids + ",\"status\":\"READ\"}"));
            }
        });
    }

    private void conversations() {
        long n = conversationReads.incrementAndGet();
        Pairs.Pair pair = pairs.get((int) (n / 2 % pairs.size()));
        request(ROUTES.get(2), get("/v1/dm/messages/conversations", n % 2 == 0 ? pair.senderToken() : pair.recipientToken()));
    }

    private HttpRequest get(String path, String token) {
        return HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(20))
                .header("Authorization", "Bearer " + token).GET().build();
    }

    private HttpRequest post(String path, String token, String body) {
        return HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(20))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    /** The body of a 2xx answer (a failed stage otherwise); every answer's time and status recorded. */
    private CompletableFuture<String> request(String route, HttpRequest request) {
        long sent = System.nanoTime();
        // windows by the wall clock (UTC seconds since the epoch, a multiple of the window), so that they can be put
        // beside the driver's phases, whose logs say when each measured phase began
        long window = System.currentTimeMillis() / 1000 / number("window") * number("window");
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).handle((response, failure) -> {
            int status = response == null ? -1 : response.statusCode();
            if (response != null) {
                lastAnswerNanos = System.nanoTime();
                latencies.computeIfAbsent(window, w -> new ConcurrentHashMap<>())
                        .computeIfAbsent(route, r -> new Latencies(1024)).add((System.nanoTime() - sent) / 1_000);
            }
            statuses.computeIfAbsent(window, w -> new ConcurrentHashMap<>()).computeIfAbsent(route, r -> new ConcurrentHashMap<>())
                    .computeIfAbsent(status, s -> new LongAdder()).increment();
            if (status / 100 != 2) {
                throw new IllegalStateException(route + " answered " + status);
            }
            return response.body();
        });
    }

    private String report(Instant since) {
        StringBuilder out = new StringBuilder("# Side load, " + Instant.now() + "\n\n");
        out.append("Against ").append(base).append(" (up since about ").append(since).append("), ").append(pairs.size())
                .append(" pairs of its own: ").append(number("history-rate")).append(" catch-ups/s (each followed by a READ receipt for what it brought), ")
                .append(number("conversations-rate")).append(" conversation lists/s, ").append(number("send-rate"))
                .append(" sends/s of its own. Windows of ").append(number("window")).append(" s by the clock (UTC), set up in ")
                .append(setupSeconds).append(" s.\n\n");
        out.append("| window (s) | route | answers | p50 | p99 | max | statuses |\n|---|---|---|---|---|---|---|\n");
        Map<String, List<Long>> all = new TreeMap<>();
        for (long window : new TreeMap<>(statuses).keySet()) {
            for (String route : ROUTES) {
                Latencies seen = latencies.getOrDefault(window, Map.of()).get(route);
                Map<Integer, LongAdder> counts = statuses.get(window).get(route);
                if (counts == null) {
                    continue;
                }
                out.append(row(clock(window) + "–" + clock(window + number("window")), route, seen, counts));
            }
        }
        out.append("\n| whole run | route | answers | p50 | p99 | max | statuses |\n|---|---|---|---|---|---|---|\n");
        for (String route : ROUTES) {
            Latencies whole = new Latencies(4096);
            Map<Integer, LongAdder> counts = new TreeMap<>();
            latencies.values().forEach(byRoute -> {
                Latencies seen = byRoute.get(route);
                if (seen != null) {
                    for (long micros : seen.snapshot()) {
                        whole.add(micros);
                    }
                }
            });
            statuses.values().forEach(byRoute -> byRoute.getOrDefault(route, Map.of()).forEach((status, count) ->
                    counts.computeIfAbsent(status, s -> new LongAdder()).add(count.sum())));
            out.append(row("all", route, whole, counts));
        }
        return out.toString();
    }

    /** {@code HH:mm:ss} UTC of {@code epochSecond}, as the driver's log lines print their times. */
    private static String clock(long epochSecond) {
        return DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC).format(Instant.ofEpochSecond(epochSecond));
    }

    private static String row(String window, String route, Latencies seen, Map<Integer, LongAdder> counts) {
        long answers = counts.values().stream().mapToLong(LongAdder::sum).sum();
        String timing = "– | – | –";
        if (seen != null && seen.count() > 0) {
            long[] p = seen.percentiles(50, 99, 100);
            timing = String.format("%.1f ms | %.1f ms | %.1f ms", p[0] / 1000.0, p[1] / 1000.0, p[2] / 1000.0);
        }
        Map<Integer, Long> byStatus = new TreeMap<>();
        counts.forEach((status, count) -> byStatus.put(status, count.sum()));
        return "| " + window + " | " + route + " | " + answers + " | " + timing + " | " + byStatus + " |\n";
    }
}
