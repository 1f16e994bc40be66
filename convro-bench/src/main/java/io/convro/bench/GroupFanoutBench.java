package io.convro.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * The multi-device benchmark of docs/benchmarks.md ("Fan-out and groups"): the server jar on embedded H2, every
 * receiving device on a Socket.IO websocket.
 * <ol>
 *   <li>a §9 fan-out from one device to a person with 3 devices (one ciphertext per device, one request);</li>
 *   <li>a §10 group message in a group of 100 members × 2 devices: one ciphertext, relayed to the 199 member devices
 *       but the sending one.</li>
 * </ol>
 * Each phase posts {@code --messages} messages from {@code --concurrency} closed-loop clients and reports sends/s and
 * the delivery latency to the LAST receiving device of each message (from the start of its request), p50/p99/max.
 * The group phase also checks that each message is one stored message: the history holds exactly as many messages
 * as were posted, and every device got the same messageId.
 *
 * <p>Run: {@code java -cp convro-bench/target/convro-bench.jar io.convro.bench.GroupFanoutBench
 * [--jar=convro-bootstrap/target/convro-server.jar] [--messages=2000] [--concurrency=4] [--members=100]}
 */
public final class GroupFanoutBench {
    private static final String JWT_SECRET = "bench-secret-bench-secret-bench-secret-0123456789";
    private static final String TAG = Pairs.b64(new byte[16]);

    private final Rest rest;
    private final URI socketBase;
    private final HttpClient sockets = HttpClient.newBuilder().build();
    private final List<SocketClient> open = new ArrayList<>();
    private final Map<String, Pending> pending = new ConcurrentHashMap<>();

    /** One message in flight: when its request started and how many devices are still to hear it. */
    private static final class Pending {
        final long started = System.nanoTime();
        final AtomicInteger remaining;
        final CountDownLatch done = new CountDownLatch(1);
        final Map<String, Boolean> messageIds = new ConcurrentHashMap<>();
        volatile long lastArrival;

        Pending(int receivers) {
            remaining = new AtomicInteger(receivers);
        }
    }

    private GroupFanoutBench(Rest rest, URI socketBase) {
        this.rest = rest;
        this.socketBase = socketBase;
    }

    public static void main(String[] args) throws Exception {
        LoadJvm.prepare();
        Map<String, String> given = BenchOptions.given(args);
        Path jar = Path.of(given.getOrDefault("jar", "convro-bootstrap/target/convro-server.jar"));
        int messages = Integer.parseInt(given.getOrDefault("messages", "2000"));
        int concurrency = Integer.parseInt(given.getOrDefault("concurrency", "4"));
        int members = Integer.parseInt(given.getOrDefault("members", "100"));
        Path report = Path.of(given.getOrDefault("report", "convro-bench/target/group-fanout-report.md"));
        Path workDir = Files.createTempDirectory("convro-group-bench");
        Map<String, String> env = new LinkedHashMap<>();
        env.put("CONVRO_DATA_DIR", workDir.resolve("data").toString());
        env.put("CONVRO_JWT_SECRET", JWT_SECRET);
        env.put("CONVRO_AUTH_RATE_LIMIT", "0");
        env.put("CONVRO_SEND_RATE_LIMIT", "100000000");
        env.put("CONVRO_SOCKET_RATE_LIMIT", "100000000");
        env.put("CONVRO_PENDING_SOCKETS_PER_ADDRESS", "100000000");
        env.put("CONVRO_CONNECTIONS_PER_ADDRESS", "100000");
        env.put("CONVRO_ACCESS_TOKEN_TTL", "3600");
        StringBuilder out = new StringBuilder();
        try (ServerUnderTest server = ServerUnderTest.start(jar, List.of(), env, false, workDir.resolve("server.log"))) {
            GroupFanoutBench bench = new GroupFanoutBench(new Rest(server.base()), server.socketBase());
            out.append("Run ").append(Instant.now().truncatedTo(ChronoUnit.SECONDS)).append(", ")
                    .append(Runtime.getRuntime().availableProcessors()).append(" cores, embedded H2, one public port; ")
                    .append(messages).append(" messages per phase from ").append(concurrency).append(" closed-loop clients.\n\n");
            out.append("| phase | receiving devices | sends/s | delivery to the last device p50 | p99 | max |\n|---|---|---|---|---|---|\n");
            out.append(bench.fanout(messages, concurrency));
            out.append(bench.group(messages, concurrency, members));
            bench.close();
        }
        Files.createDirectories(report.toAbsolutePath().getParent());
        Files.writeString(report, out);
        System.out.print(out);
    }

    private JsonNode register() {
        return rest.post("/v1/auth/register", null, Map.of("password", Pairs.PASSWORD, "platform", "android"), 201);
    }

    private JsonNode newDevice(JsonNode account) {
        return rest.post("/v1/auth/login", null, Map.of("password", Pairs.PASSWORD,
                "convroNumber", account.get("convroNumber").asText(), "platform", "desktop"), 200);
    }

    /** Connect a websocket for each token; each event's clientMessageId is counted against its pending message. */
    private void listen(List<String> tokens, String event) throws Exception {
        String prefix = "42[\"" + event + "\"";
        List<java.util.concurrent.CompletableFuture<SocketClient>> connecting = new ArrayList<>();
        for (String token : tokens) {
            connecting.add(SocketClient.connect(sockets, socketBase, token, text -> {
                if (text.startsWith(prefix)) {
                    arrived(text);
                }
            }));
        }
        for (var socket : connecting) {
            open.add(socket.get(60, TimeUnit.SECONDS));
        }
    }

    private void arrived(String text) {
        String clientMessageId = field(text, "\"clientMessageId\":\"", '"');
        Pending message = clientMessageId == null ? null : pending.get(clientMessageId);
        if (message == null) {
            return;
        }
        message.messageIds.put(field(text, "\"messageId\":", ','), Boolean.TRUE);
        long now = System.nanoTime();
        if (message.remaining.decrementAndGet() == 0) {
            message.lastArrival = now;
            message.done.countDown();
        }
    }

    private static String field(String text, String key, char end) {
        int at = text.indexOf(key);
        if (at < 0) {
            return null;
        }
        int from = at + key.length();
        return text.substring(from, text.indexOf(end, from));
    }

    /** §9: one device to a person with 3 devices, each with an ACTIVE session. */
    private String fanout(int messages, int concurrency) throws Exception {
        JsonNode alice = register();
        JsonNode bob = register();
        List<JsonNode> bobDevices = List.of(bob, newDevice(bob), newDevice(bob));
        for (JsonNode device : bobDevices) {
            Pairs.uploadPrekeys(rest, device.get("accessToken").asText());
        }
        String aliceToken = alice.get("accessToken").asText();
        JsonNode bundles = rest.get("/v1/prekeys/bundles?user_id=" + bob.get("userId").asLong(), aliceToken, 200);
        List<Map<String, Object>> entries = new ArrayList<>();
        for (JsonNode bundle : bundles.get("devices")) {
            String deviceId = bundle.get("responderDeviceId").asText();
            Map<String, Object> offer = new LinkedHashMap<>();
            offer.put("version", 1);
            offer.put("initiatorDeviceId", alice.get("deviceId").asText());
            offer.put("responderDeviceId", deviceId);
            offer.put("sessionId", Pairs.hex(4));
            offer.put("ephemeralPublicKeyX25519", Pairs.b64(Pairs.x25519()));
            offer.put("usedSignedPrekeyPublicKeyX25519", bundle.get("signedPrekeyPublicKeyX25519").asText());
            offer.put("usedOneTimePrekeyId", bundle.get("oneTimePrekeyId").asText());
            JsonNode opened = rest.post("/v1/dm/sessions/open", aliceToken,
                    Map.of("peerUserId", bob.get("userId").asLong(), "handshakeOffer", offer), 201);
            String responderToken = bobDevices.stream().filter(d -> d.get("deviceId").asText().equals(deviceId)).findFirst()
                    .orElseThrow().get("accessToken").asText();
            rest.post("/v1/dm/sessions/accept", responderToken, Map.of("sessionDbId", opened.get("sessionDbId").asLong()), 200);
            entries.add(Map.of("sessionId", opened.get("sessionId").asText(), "recipientDeviceId", deviceId,
                    "ciphertext", Pairs.b64(Pairs.random(64)), "authTag", TAG));
        }
        listen(bobDevices.stream().map(d -> d.get("accessToken").asText()).toList(), "dm:message");
        Function<String, Map<String, Object>> body = clientMessageId -> Map.of("recipientUserId", bob.get("userId").asLong(),
                "clientMessageId", clientMessageId, "messages", entries);
        return phase("fan-out (§9)", "f-", messages, concurrency, 3,
                clientMessageId -> rest.post("/v1/dm/messages/fanout", aliceToken, body.apply(clientMessageId), 201));
    }

    /** §10: a group of {@code members} users with 2 devices each, every device listening; the owner's phone posts. */
    private String group(int messages, int concurrency, int members) throws Exception {
        List<JsonNode> users = new ArrayList<>();
        List<String> tokens = new ArrayList<>();
        ExecutorService setup = Executors.newFixedThreadPool(4);
        List<Future<JsonNode[]>> accounts = new ArrayList<>();
        for (int i = 0; i < members; i++) {
            accounts.add(setup.submit(() -> {
                JsonNode phone = register();
                return new JsonNode[] {phone, newDevice(phone)};
            }));
        }
        for (Future<JsonNode[]> account : accounts) {
            JsonNode[] devices = account.get();
            users.add(devices[0]);
            tokens.add(devices[0].get("accessToken").asText());
            tokens.add(devices[1].get("accessToken").asText());
        }
        setup.shutdown();
        String ownerToken = tokens.get(0);
        List<Long> others = users.subList(1, users.size()).stream().map(u -> u.get("userId").asLong()).toList();
        String groupId = rest.post("/v1/groups", ownerToken, Map.of("kind", "GROUP", "memberUserIds", others), 201)
                .get("groupId").asText();
        listen(tokens, "group:message");
        int receivers = tokens.size() - 1; // every member device but the sending one
        String row = phase("group message (§10)", "g-", messages, concurrency, receivers, clientMessageId -> rest.post(
                "/v1/groups/" + groupId + "/messages", ownerToken, Map.of("senderKeyId", "00112233445566ff",
                        "ciphertext", Pairs.b64(Pairs.random(64)), "authTag", TAG, "clientMessageId", clientMessageId), 201));
        // one stored message per post: the history (all of it, paged) holds exactly as many as were posted
        int stored = 0;
        String cursor = "?afterId=0&limit=200";
        while (true) {
            JsonNode page = rest.get("/v1/groups/" + groupId + "/messages" + cursor, ownerToken, 200);
            stored += page.get("messages").size();
            if (!page.get("hasMore").asBoolean()) {
                break;
            }
            JsonNode list = page.get("messages");
            cursor = "?afterId=" + list.get(list.size() - 1).get("messageId").asLong() + "&limit=200";
        }
        int posted = messages + warmUps(messages);
        if (stored != posted) {
            throw new IllegalStateException("the group's history holds " + stored + " messages for " + posted + " posts");
        }
        return row + "\nGroup: " + members + " members × 2 devices, " + tokens.size() + " sockets; " + receivers
                + " receiving devices per message. Stored: " + stored + " messages for " + posted
                + " posts (one row each, whatever the member count); every device got the same messageId for a message.\n";
    }

    /** Post {@code messages} messages, {@code concurrency} at a time; wait for each to reach every receiver. */
    private String phase(String name, String prefix, int messages, int concurrency, int receivers,
                         java.util.function.Consumer<String> post) throws Exception {
        warm(prefix + "warm-", warmUps(messages), concurrency, receivers, post);
        Latencies latencies = new Latencies(messages);
        AtomicInteger next = new AtomicInteger();
        ExecutorService clients = Executors.newFixedThreadPool(concurrency);
        long started = System.nanoTime();
        List<Future<?>> running = new ArrayList<>();
        for (int c = 0; c < concurrency; c++) {
            running.add(clients.submit(() -> {
                int n;
                while ((n = next.getAndIncrement()) < messages) {
                    String id = prefix + n;
                    Pending message = new Pending(receivers);
                    pending.put(id, message);
                    post.accept(id);
                    if (!message.done.await(60, TimeUnit.SECONDS)) {
                        throw new IllegalStateException(id + ": " + message.remaining.get() + " devices did not hear it");
                    }
                    // a group message is one stored message (one id for every device); a fan-out stores a copy per device
                    if (prefix.startsWith("g-") && message.messageIds.size() != 1) {
                        throw new IllegalStateException(id + ": devices heard " + message.messageIds.keySet());
                    }
                    latencies.add(TimeUnit.NANOSECONDS.toMicros(message.lastArrival - message.started));
                    pending.remove(id);
                }
                return null;
            }));
        }
        for (Future<?> client : running) {
            client.get();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        clients.shutdown();
        long[] p = latencies.percentiles(50, 99, 100);
        return String.format("| %s | %d | %.0f | %.1f ms | %.1f ms | %.1f ms |%n", name, receivers, messages / seconds,
                p[0] / 1000.0, p[1] / 1000.0, p[2] / 1000.0);
    }

    /** Messages posted before a phase is measured (JIT, pools), not counted. */
    private static int warmUps(int messages) {
        return Math.min(200, messages / 4);
    }

    private void warm(String prefix, int messages, int concurrency, int receivers, java.util.function.Consumer<String> post)
            throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(concurrency);
        AtomicInteger next = new AtomicInteger();
        List<Future<?>> running = new ArrayList<>();
        for (int c = 0; c < concurrency; c++) {
            running.add(clients.submit(() -> {
                int n;
                while ((n = next.getAndIncrement()) < messages) {
                    Pending message = new Pending(receivers);
                    pending.put(prefix + n, message);
                    post.accept(prefix + n);
                    message.done.await(60, TimeUnit.SECONDS);
                    pending.remove(prefix + n);
                }
                return null;
            }));
        }
        for (Future<?> client : running) {
            client.get();
        }
        clients.shutdown();
    }

    private void close() {
        open.forEach(SocketClient::close);
    }
}
