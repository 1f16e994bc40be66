package io.convro.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.Supplier;

/**
 * The soak's mixed load, open loop at fixed rates, round-robin over the nodes: sends (every n-th with a large
 * ciphertext), history catch-ups by the recipients ({@code afterId} = the newest they have seen), a READ receipt for
 * what each catch-up brought, conversations, bundle fetches, {@code /health} on every node; and every minute a burst
 * of registrations and logins sent at once, each retried after its {@code Retry-After} as a client would.
 */
final class SoakLoad {
    static final String SEND = "POST /v1/dm/messages/send";
    static final String HISTORY = "GET /v1/dm/messages/history";
    static final String RECEIPTS = "POST /v1/dm/messages/receipts";
    static final String CONVERSATIONS = "GET /v1/dm/messages/conversations";
    static final String BUNDLE = "GET /v1/prekeys/bundle";
    static final String HEALTH = "GET /health";
    static final String REGISTER = "POST /v1/auth/register";
    static final String LOGIN = "POST /v1/auth/login";
    /** The routes a client uses all the time: what "recovered" is judged on. */
    static final java.util.Set<String> STEADY = java.util.Set.of(SEND, HISTORY, RECEIPTS, CONVERSATIONS, BUNDLE, HEALTH);

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A user the bursts may log in again, on the device it has (so no login adds an 11th device). */
    record Login(String username, String deviceId) {
    }

    private final SoakOptions options;
    private final List<URI> nodes;
    private final List<Pairs.Pair> pairs;
    private final LoadHttp http;
    private final Acknowledged acknowledged;
    private final List<Login> logins;
    private final AtomicLongArray newestSeen;
    private final String ciphertext;
    private final String largeCiphertext;
    private final String authTag = Pairs.b64(Pairs.random(16));
    private final String runTag = Pairs.hex(3);
    private final Duration timeout;
    private final AtomicLong sequence = new AtomicLong();
    private final AtomicLong registered = new AtomicLong();
    private final ScheduledExecutorService clock = Executors.newScheduledThreadPool(2, runnable -> {
        Thread thread = new Thread(runnable, "soak-clock");
        thread.setDaemon(true);
        return thread;
    });

    SoakLoad(SoakOptions options, List<URI> nodes, List<Pairs.Pair> pairs, List<Login> logins, LoadHttp http,
             Acknowledged acknowledged) {
        this.options = options;
        this.nodes = nodes;
        this.pairs = pairs;
        this.logins = logins;
        this.http = http;
        this.acknowledged = acknowledged;
        this.newestSeen = new AtomicLongArray(pairs.size());
        this.ciphertext = Pairs.b64(Pairs.random(options.number("ciphertext")));
        this.largeCiphertext = Pairs.b64(Pairs.random(options.number("large-ciphertext")));
        this.timeout = Duration.ofSeconds(options.number("request-timeout"));
    }

    /** Start every steady stream; bursts at {@code first-burst} and every {@code burst-every} seconds after it. */
    void start(long loadStartNanos) {
        every(options.number("send-rate"), this::send);
        every(options.number("history-rate"), this::catchUp);
        every(options.number("conversations-rate"), this::conversations);
        every(options.number("bundle-rate"), this::bundle);
        long healthMillis = options.number("health-every-ms");
        for (URI node : nodes) {
            clock.scheduleAtFixedRate(() -> http.send(HEALTH, HttpRequest.newBuilder(node.resolve("/health"))
                    .timeout(Duration.ofSeconds(5)).GET().build()), 0, healthMillis, TimeUnit.MILLISECONDS);
        }
        long firstBurst = loadStartNanos + TimeUnit.SECONDS.toNanos(options.number("first-burst")) - System.nanoTime();
        clock.scheduleAtFixedRate(this::burst, Math.max(0, firstBurst), TimeUnit.SECONDS.toNanos(options.number("burst-every")),
                TimeUnit.NANOSECONDS);
    }

    void stop() {
        clock.shutdownNow();
    }

    long registered() {
        return registered.get();
    }

    private void every(int perSecond, Runnable task) {
        if (perSecond > 0) {
            clock.scheduleAtFixedRate(() -> {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    System.out.println("load task failed: " + e); // never let one failure end the stream
                }
            }, 0, 1_000_000_000L / perSecond, TimeUnit.NANOSECONDS);
        }
    }

    private URI node(long n) {
        return nodes.get((int) (n % nodes.size()));
    }

    private void send() {
        long n = sequence.incrementAndGet();
        Pairs.Pair pair = pairs.get((int) (n % pairs.size()));
        int largeEvery = options.number("large-every");
        String body = "{\"sessionId\":\"" + pair.sessionId() + "\",\"recipientDeviceId\":\"" + pair.recipientDeviceId()
                + "\",\"clientMessageId\":\"soak-" + runTag + "-" + n + "\",\"ciphertext\":\""
                + (largeEvery > 0 && n % largeEvery == 0 ? largeCiphertext : ciphertext) + "\",\"authTag\":\"" + authTag + "\"}";
        http.send(SEND, post(node(n), "/v1/dm/messages/send", pair.senderToken(), body)).thenAccept(answer -> {
            if (answer.ok()) {
                acknowledged.add(answer.body());
            }
        });
    }

    private final AtomicLong catchUps = new AtomicLong();

    private void catchUp() {
        long n = catchUps.incrementAndGet();
        int index = (int) (n % pairs.size());
        Pairs.Pair pair = pairs.get(index);
        http.send(HISTORY, get(node(n), Pairs.catchUpPath(pair, newestSeen.get(index), 200), pair.recipientToken())).thenAccept(answer -> {
            if (!answer.ok()) {
                return;
            }
            List<Long> ids = new ArrayList<>();
            try {
                for (JsonNode message : JSON.readTree(answer.body()).path("messages")) {
                    ids.add(message.path("messageId").asLong());
                }
            } catch (Exception unreadable) {
                return;
            }
            if (ids.isEmpty()) {
                return;
            }
            newestSeen.accumulateAndGet(index, ids.stream().mapToLong(Long::longValue).max().getAsLong(), Math::max);
            List<Long> batch = ids.subList(0, Math.min(100, ids.size()));
            http.send(RECEIPTS, post(node(n + 1), "/v1/dm/messages/receipts", pair.recipientToken(),
                    "{\"messageIds\":" + batch + ",\"status\":\"READ\"}"));
        });
    }

    private final AtomicLong conversationReads = new AtomicLong();

    private void conversations() {
        long n = conversationReads.incrementAndGet();
        Pairs.Pair pair = pairs.get((int) (n / 2 % pairs.size()));
        http.send(CONVERSATIONS, get(node(n), "/v1/dm/messages/conversations",
                n % 2 == 0 ? pair.senderToken() : pair.recipientToken()));
    }

    private final AtomicLong bundles = new AtomicLong();

    private void bundle() {
        long n = bundles.incrementAndGet();
        Pairs.Pair pair = pairs.get((int) (n % pairs.size()));
        http.send(BUNDLE, get(node(n), "/v1/prekeys/bundle?user_id=" + pair.recipientUserId(), pair.senderToken()));
    }

    private final AtomicLong bursts = new AtomicLong();

    /** Registrations and logins, all sent at the same moment. */
    private void burst() {
        long burst = bursts.incrementAndGet();
        System.out.println("burst " + burst + ": " + options.number("burst-registrations") + " registrations, "
                + options.number("burst-logins") + " logins");
        for (int i = 0; i < options.number("burst-registrations"); i++) {
            String username = "soak_" + runTag + "_" + burst + "_" + i;
            String body = "{\"password\":\"" + Pairs.PASSWORD + "\",\"username\":\"" + username + "\",\"platform\":\"web\"}";
            URI node = node(i);
            retrying(REGISTER, () -> post(node, "/v1/auth/register", null, body), options.number("burst-retries"))
                    .thenAccept(answer -> {
                        if (answer.ok()) {
                            registered.incrementAndGet();
                            synchronized (logins) {
                                logins.add(new Login(username, deviceId(answer.body())));
                            }
                        }
                    });
        }
        List<Login> chosen = new ArrayList<>();
        synchronized (logins) {
            for (int i = 0; i < options.number("burst-logins") && !logins.isEmpty(); i++) {
                chosen.add(logins.get((int) ((burst * 7919L + i) % logins.size())));
            }
        }
        for (int i = 0; i < chosen.size(); i++) {
            URI node = node(i);
            String body = loginBody(chosen.get(i));
            retrying(LOGIN, () -> post(node, "/v1/auth/login", null, body), options.number("burst-retries"));
        }
    }

    static String loginBody(Login login) {
        return "{\"password\":\"" + Pairs.PASSWORD + "\",\"username\":\"" + login.username() + "\",\"deviceId\":\""
                + login.deviceId() + "\"}";
    }

    /** Send; on 429 or 503 wait for Retry-After (1 s if absent) and send again, at most {@code retries} more times. */
    private CompletableFuture<LoadHttp.Answer> retrying(String route, Supplier<HttpRequest> request, int retries) {
        return http.send(route, request.get()).thenCompose(answer -> {
            if (retries > 0 && (answer.status() == 429 || answer.status() == 503)) {
                long wait = Math.max(1, answer.retryAfterSeconds());
                return CompletableFuture.supplyAsync(() -> null, CompletableFuture.delayedExecutor(wait, TimeUnit.SECONDS))
                        .thenCompose(ignored -> retrying(route, request, retries - 1));
            }
            return CompletableFuture.completedFuture(answer);
        });
    }

    private static String deviceId(String body) {
        try {
            return JSON.readTree(body).path("deviceId").asText();
        } catch (Exception unreadable) {
            return "";
        }
    }

    HttpRequest post(URI node, String path, String token, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(node.resolve(path)).timeout(timeout)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return request.build();
    }

    private HttpRequest get(URI node, String path, String token) {
        return HttpRequest.newBuilder(node.resolve(path)).timeout(timeout).header("Authorization", "Bearer " + token)
                .GET().build();
    }
}
