package io.convro.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.convro.adapter.persistence.Database;
import io.convro.adapter.persistence.DatabaseSettings;
import io.convro.adapter.persistence.JdbiRepositories;
import io.convro.application.messages.ConversationsQuery;
import io.convro.application.messages.HistoryCursor;
import io.convro.application.messages.ListConversationsService;
import io.convro.application.messages.Messages;
import io.convro.application.shared.Caller;
import io.convro.domain.device.DeviceId;
import io.convro.domain.message.MessageId;
import io.convro.domain.session.SessionDbId;
import io.convro.domain.user.ConvroNumber;
import io.convro.domain.user.UserId;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The data-size benchmark of docs/benchmarks.md: the server jar on a scratch MariaDB database that holds one session
 * of {@code --messages} messages and a user with {@code --sessions} sessions (the long session among them, every
 * message to that user unread), read through the public port as a client reads it. Per kind of request, p50/p99
 * of {@code --repeat} calls, with the rows MariaDB read per call: the newest page, {@code beforeId} half-way and three
 * quarters back and the oldest page, and an {@code afterId} page at the far end; a full walk back through the long session in pages of 200 (its time per page at the start
 * and at the end of the walk tells whether it is linear); the conversation list, its first page and every page;
 * receipts, single and batches of 100. The accounts and the long session's handshake go through the API; the bulk
 * (the other sessions, the messages) is written with SQL into the schema the server created, which takes seconds
 * instead of the minutes 100,000 sends would.
 *
 * <pre>java -cp convro-bench/target/convro-bench.jar io.convro.bench.DataSizeBench [--messages=100000]
 *     [--sessions=500] [--repeat=200] [--jar=convro-bootstrap/target/convro-server.jar] [--db-host=127.0.0.1:3306]
 *     [--db-user=root] [--db-password=] [--report=convro-bench/target/data-size-report.md]</pre>
 */
public final class DataSizeBench {
    private static final String JWT_SECRET = "bench-secret-bench-secret-bench-secret-0123456789";
    private static final String PEER_HASH = "$argon2id$bench-peer";
    private static final String LONG_SESSION_ID = "0000abcd";
    private static final int PAGE = 50;
    private static final int WALK_PAGE = 200;

    private final Rest rest;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    private final URI base;
    private final StringBuilder report = new StringBuilder();

    private DataSizeBench(URI base) {
        this.base = base;
        this.rest = new Rest(base);
    }

    public static void main(String[] args) throws Exception {
        LoadJvm.prepare();
        Map<String, String> given = BenchOptions.given(args);
        int messages = Integer.parseInt(given.getOrDefault("messages", "100000"));
        int sessions = Integer.parseInt(given.getOrDefault("sessions", "500"));
        int repeat = Integer.parseInt(given.getOrDefault("repeat", "200"));
        Path jar = Path.of(given.getOrDefault("jar", "convro-bootstrap/target/convro-server.jar"));
        String host = given.getOrDefault("db-host", "127.0.0.1:3306");
        String user = given.getOrDefault("db-user", "root");
        String password = given.getOrDefault("db-password", "");
        Path reportFile = Path.of(given.getOrDefault("report", "convro-bench/target/data-size-report.md"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: build it first (mvn -DskipTests package)");
        }
        Path log = Files.createTempFile("convro-data-size", ".log");
        try (ScratchDatabase scratch = new ScratchDatabase(host, user, password);
             ServerUnderTest server = ServerUnderTest.start(jar, List.of(), Map.of("CONVRO_DB_URL", scratch.jdbcUrl(),
                     "CONVRO_DB_USER", user, "CONVRO_DB_PASSWORD", password, "CONVRO_JWT_SECRET", JWT_SECRET,
                     "CONVRO_AUTH_RATE_LIMIT", "0"), false, log)) {
            DataSizeBench bench = new DataSizeBench(server.base());
            bench.run(scratch, user, password, jar, messages, sessions, repeat);
            Files.createDirectories(reportFile.toAbsolutePath().getParent());
            Files.writeString(reportFile, bench.report);
            System.out.println("report written to " + reportFile);
        }
    }

    private void run(ScratchDatabase scratch, String user, String password, Path jar, int messages, int sessions,
                     int repeat) throws SQLException {
        line("# Data-size benchmark, " + Instant.now().truncatedTo(ChronoUnit.SECONDS));
        line("");
        line("Server: `" + jar + "` with its defaults, one public port, on a scratch MariaDB database. "
                + messages + " messages in one session; a user with " + sessions + " sessions (that one among them; "
                + "every message to that user unread); " + repeat + " calls of each kind, one at a time. Load average "
                + "before: " + loadAverage() + ". Times are the client's, request to parsed answer. Rows read: the "
                + "repository's query for that page run once more by this bench's own build of the persistence adapter "
                + "on a connection of its own (MariaDB's per-connection Rows_read), so they describe this build whatever "
                + "`--jar` is.");
        line("");
        JsonNode alice = register();
        JsonNode bob = register();
        String aliceToken = alice.path("accessToken").asText();
        String bobToken = bob.path("accessToken").asText();
        long longSession = openAndAccept(alice, bob);
        long seedStarted = System.nanoTime();
        try (Connection db = DriverManager.getConnection(scratch.jdbcUrl(), user, password);
             RowsRead rowsRead = new RowsRead(scratch.jdbcUrl(), user, password)) {
            seedPeers(db, bob, sessions - 1);
            seedLongSession(db, longSession, alice, bob, messages);
            long firstId = firstMessage(db, longSession);
            line("Seeded in " + millis(seedStarted) + " ms (SQL into the schema the server made).");
            line("");
            String history = "/v1/dm/messages/history?sessionId=" + LONG_SESSION_ID + "&limit=" + PAGE;
            // a server just started runs interpreted: warm it on every kind of request first (not measured)
            for (int i = 0; i < 300; i++) {
                get(history, bobToken);
                get(history + "&beforeId=" + (firstId + PAGE + 1 + i), bobToken);
                get(history + "&afterId=" + (firstId + i), bobToken);
                if (i % 10 == 0) {
                    get("/v1/dm/messages/conversations", bobToken);
                }
            }
            line("| request | calls | p50 | p99 | max | notes |");
            line("|---|---|---|---|---|---|");
            long session = longSession;
            long halfWay = messageAt(db, longSession, messages / 2);
            long quarter = messageAt(db, longSession, messages / 4);
            long oldestPage = messageAt(db, longSession, PAGE);
            long newestPage = messageAt(db, longSession, messages - PAGE - 1);
            measureRowsRead(rowsRead, "history, newest page", repeat, history, bobToken,
                    () -> rowsRead.messages().page(new SessionDbId(session), new HistoryCursor.Latest(), PAGE + 1), "");
            // the depths: beforeId=50001 and 25001 of a 100,000-message session, then the oldest page
            measureRowsRead(rowsRead, "history, `beforeId` half-way back", repeat, history + "&beforeId=" + halfWay, bobToken,
                    () -> rowsRead.messages().page(new SessionDbId(session), before(halfWay), PAGE + 1), "");
            measureRowsRead(rowsRead, "history, `beforeId` three quarters back", repeat, history + "&beforeId=" + quarter,
                    bobToken, () -> rowsRead.messages().page(new SessionDbId(session), before(quarter), PAGE + 1), "");
            measureRowsRead(rowsRead, "history, the oldest `beforeId` page", repeat, history + "&beforeId=" + oldestPage,
                    bobToken, () -> rowsRead.messages().page(new SessionDbId(session), before(oldestPage), PAGE + 1),
                    "the 50 oldest messages");
            measureRowsRead(rowsRead, "history, `afterId` at the far end", repeat, history + "&afterId=" + newestPage,
                    bobToken, () -> rowsRead.messages().page(new SessionDbId(session),
                            new HistoryCursor.After(MessageId.of(newestPage)), PAGE + 1),
                    "the 50 newest, caught up from the oldest side");
            walkBack(bobToken, messages);
            conversations(bobToken, repeat, sessions, rowsRead, caller(bob));
            receipts(db, bobToken, longSession, repeat);
        }
        line("");
        line("Load average after: " + loadAverage() + ".");
    }

    /**
     * {@link #measure}, and the rows MariaDB reads for the page: the repository's own query, run once by the
     * persistence adapter on the one connection of {@code rowsRead} (MariaDB counts Rows_read per connection; the
     * server-wide counter only takes a connection's count in now and then).
     */
    private void measureRowsRead(RowsRead rowsRead, String what, int repeat, String path, String token,
                                 java.util.function.Supplier<?> sameQuery, String notes) {
        Latencies latencies = measure(what, repeat, () -> path, token, null);
        row(what, latencies, (notes.isEmpty() ? "" : notes + "; ") + "rows read: " + rowsRead.of(sameQuery));
    }

    private Latencies measure(String what, int repeat, java.util.function.Supplier<String> path, String token, String notes) {
        Latencies latencies = new Latencies(repeat);
        for (int i = 0; i < Math.max(5, repeat / 10); i++) {
            get(path.get(), token); // warm the JIT and the buffer pool on the same pages
        }
        for (int i = 0; i < repeat; i++) {
            long started = System.nanoTime();
            get(path.get(), token);
            latencies.add((System.nanoTime() - started) / 1_000);
        }
        if (notes != null) {
            row(what, latencies, notes);
        }
        return latencies;
    }

    /** Back from the newest message to the oldest in pages of 200; per-page times at the start and the end of the walk. */
    private void walkBack(String token, int messages) {
        for (int walk = 1; walk <= 2; walk++) {
            Latencies pages = new Latencies(messages / WALK_PAGE + 1);
            List<Long> inOrder = new ArrayList<>();
            long started = System.nanoTime();
            String path = "/v1/dm/messages/history?sessionId=" + LONG_SESSION_ID + "&limit=" + WALK_PAGE;
            String cursor = "";
            int read = 0;
            while (true) {
                long pageStarted = System.nanoTime();
                JsonNode page = get(path + cursor, token);
                long micros = (System.nanoTime() - pageStarted) / 1_000;
                pages.add(micros);
                inOrder.add(micros);
                JsonNode list = page.path("messages");
                read += list.size();
                if (!page.path("hasMore").asBoolean() || list.isEmpty()) {
                    break;
                }
                cursor = "&beforeId=" + list.get(list.size() - 1).path("messageId").asLong();
            }
            long totalMillis = millis(started);
            int tenth = Math.max(1, inOrder.size() / 10);
            double first = inOrder.subList(0, tenth).stream().mapToLong(Long::longValue).average().orElse(0) / 1e3;
            double last = inOrder.subList(inOrder.size() - tenth, inOrder.size()).stream().mapToLong(Long::longValue)
                    .average().orElse(0) / 1e3;
            row("full walk back " + walk + ", per page of " + WALK_PAGE, pages, String.format(
                    "%d pages, %d messages in %d ms; mean page %.2f ms over the newest tenth, %.2f ms over the oldest tenth",
                    inOrder.size(), read, totalMillis, first, last));
        }
    }

    private void conversations(String token, int repeat, int sessions, RowsRead rowsRead, Caller caller) {
        JsonNode first = get("/v1/dm/messages/conversations", token);
        int bytes = rawGet("/v1/dm/messages/conversations", token).length;
        ListConversationsService service = new ListConversationsService(rowsRead.repositories().sessions(),
                rowsRead.repositories().users(), rowsRead.messages());
        measure("conversations, first page (default limit)", repeat, () -> "/v1/dm/messages/conversations", token,
                String.format("%d conversations, %d bytes, unreadCount of the long session %s; rows read: %d",
                        first.path("conversations").size(), bytes, unreadOfLongSession(first),
                        rowsRead.of(() -> service.conversations(ConversationsQuery.first(caller)))));
        for (int walk = 1; walk <= 2; walk++) {
            Latencies pages = new Latencies(64);
            long started = System.nanoTime();
            String cursor = "";
            int seen = 0;
            int count = 0;
            while (true) {
                long pageStarted = System.nanoTime();
                JsonNode page = get("/v1/dm/messages/conversations?limit=" + PAGE + cursor, token);
                pages.add((System.nanoTime() - pageStarted) / 1_000);
                count++;
                seen += page.path("conversations").size();
                if (!page.path("hasMore").asBoolean()) {
                    break;
                }
                cursor = "&cursor=" + page.path("nextCursor").asText();
            }
            row("conversations, every page of " + PAGE + " (walk " + walk + ")", pages,
                    String.format("%d pages, %d of %d conversations in %d ms", count, seen, sessions, millis(started)));
        }
    }

    /** READ receipts by the recipient on messages of the long session: one at a time, then batches of 100. */
    private void receipts(Connection db, String token, long session, int repeat) throws SQLException {
        List<Long> ids = new ArrayList<>();
        try (PreparedStatement newest = db.prepareStatement("SELECT id FROM dm_messages WHERE session_db_id = ? "
                + "ORDER BY id DESC LIMIT ?")) {
            newest.setLong(1, session);
            newest.setInt(2, repeat * 11 + 100);
            try (ResultSet rows = newest.executeQuery()) {
                while (rows.next()) {
                    ids.add(rows.getLong(1));
                }
            }
        }
        Latencies single = new Latencies(repeat);
        for (int i = 0; i < repeat; i++) {
            long started = System.nanoTime();
            rest.post("/v1/dm/messages/receipts", token, Map.of("messageId", ids.get(i), "status", "READ"), 200);
            single.add((System.nanoTime() - started) / 1_000);
        }
        row("receipt, one message READ", single, "");
        Latencies batches = new Latencies(repeat / 10);
        for (int i = 0; i < repeat / 10; i++) {
            int from = repeat + i * 100;
            long started = System.nanoTime();
            rest.post("/v1/dm/messages/receipts", token, Map.of("messageIds", ids.subList(from, from + 100), "status", "READ"), 200);
            batches.add((System.nanoTime() - started) / 1_000);
        }
        row("receipts, batch of 100 READ", batches, "");
    }

    private JsonNode register() {
        return rest.post("/v1/auth/register", null, Map.of("password", Pairs.PASSWORD), 201);
    }

    /** The long session, opened by {@code initiator} with a well-formed offer and accepted by {@code responder}. */
    private long openAndAccept(JsonNode initiator, JsonNode responder) {
        Map<String, Object> offer = new LinkedHashMap<>();
        offer.put("version", 1);
        offer.put("initiatorDeviceId", initiator.path("deviceId").asText());
        offer.put("responderDeviceId", responder.path("deviceId").asText());
        offer.put("sessionId", LONG_SESSION_ID);
        offer.put("ephemeralPublicKeyX25519", Base64.getEncoder().encodeToString(Pairs.random(32)));
        offer.put("usedSignedPrekeyPublicKeyX25519", Base64.getEncoder().encodeToString(Pairs.random(32)));
        offer.put("usedOneTimePrekeyId", null);
        long id = rest.post("/v1/dm/sessions/open", initiator.path("accessToken").asText(),
                Map.of("peerUserId", responder.path("userId").asLong(), "handshakeOffer", offer), 201).path("sessionDbId").asLong();
        rest.post("/v1/dm/sessions/accept", responder.path("accessToken").asText(), Map.of("sessionDbId", id), 200);
        return id;
    }

    /** {@code count} more users, each with a device in an ACTIVE session with {@code bob}'s and 3 unread messages to him. */
    private static void seedPeers(Connection db, JsonNode bob, int count) throws SQLException {
        long now = System.currentTimeMillis();
        String bobDevice = bob.path("deviceId").asText();
        try (Statement statement = db.createStatement()) {
            statement.execute("SET SESSION max_recursive_iterations = 10000000");
        }
        update(db, "INSERT INTO users (convro_number, password_hash, created_at) "
                + "WITH RECURSIVE n (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?) "
                + "SELECT CONCAT('+99', LPAD(i, 6, '0')), ?, ? FROM n WHERE CONCAT('+99', LPAD(i, 6, '0')) NOT IN "
                + "(SELECT convro_number FROM users) LIMIT ?", count + 10, PEER_HASH, now, count);
        update(db, "INSERT INTO devices (device_id, user_id, platform, created_at, active, token_generation) "
                + "SELECT CONCAT('e', LPAD(LOWER(HEX(id)), 15, '0')), id, 'android', ?, TRUE, 0 FROM users WHERE password_hash = ?",
                now, PEER_HASH);
        String offer = "{\"version\":1,\"sessionId\":\"seeded\",\"ephemeralPublicKeyX25519\":\""
                + Base64.getEncoder().encodeToString(Pairs.random(32)) + "\",\"usedSignedPrekeyPublicKeyX25519\":\""
                + Base64.getEncoder().encodeToString(Pairs.random(32)) + "\",\"usedOneTimePrekeyId\":null}";
        update(db, "INSERT INTO dm_sessions (session_id, initiator_user_id, initiator_device_id, responder_user_id, "
                + "responder_device_id, handshake_offer, state, created_at, accepted_at) "
                + "SELECT CONCAT('e', LPAD(LOWER(HEX(d.id)), 7, '0')), d.user_id, d.device_id, ?, ?, ?, 'ACTIVE', ? + d.id, ? + d.id "
                + "FROM devices d JOIN users u ON u.id = d.user_id WHERE u.password_hash = ?",
                bob.path("userId").asLong(), bobDevice, offer, now, now, PEER_HASH);
        update(db, "INSERT INTO dm_session_members (session_db_id, device_id, role) "
                + "SELECT id, initiator_device_id, 'I' FROM dm_sessions WHERE responder_device_id = ? AND session_id <> ?",
                bobDevice, LONG_SESSION_ID);
        update(db, "INSERT INTO dm_session_members (session_db_id, device_id, role) "
                + "SELECT id, responder_device_id, 'R' FROM dm_sessions WHERE responder_device_id = ? AND session_id <> ?",
                bobDevice, LONG_SESSION_ID);
        update(db, "INSERT INTO dm_messages (session_db_id, sender_user_id, sender_device_id, recipient_device_id, "
                + "ciphertext, auth_tag, server_timestamp, delivery_state) "
                + "SELECT s.id, s.initiator_user_id, s.initiator_device_id, s.responder_device_id, RANDOM_BYTES(256), "
                + "RANDOM_BYTES(16), ? + s.id * 10 + k.k, 'PENDING' FROM dm_sessions s "
                + "JOIN (SELECT 1 AS k UNION ALL SELECT 2 UNION ALL SELECT 3) k "
                + "WHERE s.responder_device_id = ? AND s.session_id <> ? ORDER BY s.id, k.k", now, bobDevice, LONG_SESSION_ID);
    }

    /** {@code count} messages from {@code alice} to {@code bob} in their session, all unread, in chunks. */
    private static void seedLongSession(Connection db, long session, JsonNode alice, JsonNode bob, int count) throws SQLException {
        long now = System.currentTimeMillis();
        int chunk = 20_000;
        for (int from = 0; from < count; from += chunk) {
            update(db, "INSERT INTO dm_messages (session_db_id, sender_user_id, sender_device_id, recipient_device_id, "
                    + "ciphertext, auth_tag, server_timestamp, delivery_state) "
                    + "WITH RECURSIVE n (i) AS (SELECT ? UNION ALL SELECT i + 1 FROM n WHERE i < ?) "
                    + "SELECT ?, ?, ?, ?, RANDOM_BYTES(256), RANDOM_BYTES(16), ? + i, 'PENDING' FROM n",
                    from + 1, Math.min(count, from + chunk), session, alice.path("userId").asLong(),
                    alice.path("deviceId").asText(), bob.path("deviceId").asText(), now + 1_000_000);
        }
        try (Statement statement = db.createStatement()) {
            statement.execute("ANALYZE TABLE dm_messages, dm_sessions, dm_session_members");
        }
    }

    /** The id of the session's message at {@code position} (0: the oldest); ids have gaps, positions do not. */
    private static long messageAt(Connection db, long session, int position) throws SQLException {
        try (PreparedStatement at = db.prepareStatement("SELECT id FROM dm_messages WHERE session_db_id = ? "
                + "ORDER BY id LIMIT 1 OFFSET ?")) {
            at.setLong(1, session);
            at.setInt(2, position);
            try (ResultSet rows = at.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    private static HistoryCursor before(long id) {
        return new HistoryCursor.Before(MessageId.of(id));
    }

    private static Caller caller(JsonNode account) {
        return new Caller(UserId.of(account.path("userId").asLong()), DeviceId.parse(account.path("deviceId").asText()),
                ConvroNumber.parse(account.path("convroNumber").asText()), null);
    }

    private static long firstMessage(Connection db, long session) throws SQLException {
        try (PreparedStatement first = db.prepareStatement("SELECT MIN(id) FROM dm_messages WHERE session_db_id = ?")) {
            first.setLong(1, session);
            try (ResultSet rows = first.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    private static void update(Connection db, String sql, Object... values) throws SQLException {
        try (PreparedStatement statement = db.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                statement.setObject(i + 1, values[i]);
            }
            statement.executeUpdate();
        }
    }

    private static String unreadOfLongSession(JsonNode page) {
        for (JsonNode conversation : page.path("conversations")) {
            if (LONG_SESSION_ID.equals(conversation.path("sessionId").asText())) {
                return Integer.toString(conversation.path("unreadCount").asInt());
            }
        }
        return "(not on this page)";
    }

    private JsonNode get(String path, String token) {
        return rest.get(path, token, 200);
    }

    private byte[] rawGet(String path, String token) {
        try {
            return http.send(HttpRequest.newBuilder(base.resolve(path)).header("Authorization", "Bearer " + token).GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray()).body();
        } catch (IOException e) {
            throw new IllegalStateException(path + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private void row(String what, Latencies latencies, String notes) {
        long[] p = latencies.percentiles(50, 99, 100);
        line(String.format("| %s | %d | %.2f ms | %.2f ms | %.2f ms | %s |", what, latencies.count(), p[0] / 1e3,
                p[1] / 1e3, p[2] / 1e3, notes));
    }

    private static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg"), StandardCharsets.US_ASCII).trim().split("\\s+");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException | RuntimeException unknown) {
            return "unknown";
        }
    }

    private static long millis(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1_000_000;
    }

    private void line(String text) {
        report.append(text).append('\n');
        System.out.println(text);
    }

    /**
     * The persistence adapter on a pool of one connection, so that MariaDB's per-connection Rows_read counts exactly
     * what a repository call read (minus what reading the counter itself costs, measured first).
     */
    private static final class RowsRead implements AutoCloseable {
        private final Database database;
        private final long overhead;

        RowsRead(String url, String user, String password) {
            this.database = Database.connect(new DatabaseSettings(url, user, password, 1, DatabaseSettings.DEFAULT_MAX_LIFETIME));
            long before = count();
            this.overhead = count() - before;
        }

        JdbiRepositories repositories() {
            return database.repositories();
        }

        Messages messages() {
            return database.repositories().messages();
        }

        long of(java.util.function.Supplier<?> work) {
            long before = count();
            work.get();
            return count() - before - overhead;
        }

        private long count() {
            return database.jdbi().withHandle(handle -> handle.createQuery("SHOW SESSION STATUS LIKE 'Rows_read'")
                    .map((row, context) -> row.getLong(2)).one());
        }

        @Override
        public void close() {
            database.close();
        }
    }
}
