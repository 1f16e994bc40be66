package io.convro.edge;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A {@link RestApi} that stands in for the HTTP adapter's chain: it records what reached it and echoes it.
 *
 * <p>By default the answer is {@code 200 application/json} {@code {"method":…,"path":…,"rawQuery":…,"headers":{…},
 * "body":…}} with the headers of {@link #ECHOED} that the request had (names in lower case, in that order). The query
 * tells it to do otherwise, several at once if need be:
 * <ul>
 *   <li>{@code as=bytes}: the body as it came ({@code application/octet-stream}), method, path and query in
 *       {@code X-Echo-*} headers; {@code size=N}: N {@link #generated} bytes instead of the body;</li>
 *   <li>{@code status=N}: that status ({@code 204}/{@code 304}: no body); {@code h.Name=Value}: that answer header;</li>
 *   <li>{@code delay=ms}: the stage completes that much later, on another thread; {@code hold=key}: it completes
 *       when the test calls {@link #release};</li>
 *   <li>{@code fail}: the stage fails; {@code throw}: {@code answer} throws; {@code null}: the stage completes with
 *       no answer.</li>
 * </ul>
 * {@link #refusal} answers {@code {"error":"REFUSED","status":N,"path":…}} with {@code X-Refused-By: echo-api}.
 * Paths under {@code /limited} may carry {@link #SMALL_LIMIT} bytes, others {@link #LARGE_LIMIT}.
 */
final class EchoApi implements RestApi {

    static final int SMALL_LIMIT = 1024;
    static final int LARGE_LIMIT = 200 * 1024;
    static final List<String> ECHOED = List.of("Host", "Content-Type", "X-Custom", "Authorization", "Transfer-Encoding",
            "Expect", "X-Forwarded-For");

    /** A request as the API saw it, its headers of {@link #ECHOED} read when it arrived. */
    record Seen(RestRequest request, Map<String, String> headers, String thread) {
        String method() {
            return request.method();
        }

        String path() {
            return request.path();
        }

        String body() {
            return new String(request.body(), StandardCharsets.UTF_8);
        }
    }

    record Refused(int status, String path) {
    }

    private final List<Seen> seen = new CopyOnWriteArrayList<>();
    private final List<Refused> refused = new CopyOnWriteArrayList<>();
    private final Map<String, CompletableFuture<RestAnswer>> held = new ConcurrentHashMap<>();
    private final ScheduledExecutorService later = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "echo-api-later");
        t.setDaemon(true);
        return t;
    });

    @Override
    public CompletionStage<RestAnswer> answer(RestRequest request) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (String name : ECHOED) {
            String value = request.header().apply(name);
            if (value != null) {
                headers.put(name.toLowerCase(java.util.Locale.ROOT), value);
            }
        }
        seen.add(new Seen(request, headers, Thread.currentThread().getName()));
        Map<String, String> query = query(request.rawQuery());
        if (query.containsKey("throw")) {
            throw new Deliberate("the API threw");
        }
        if (query.containsKey("fail")) {
            return CompletableFuture.failedFuture(new Deliberate("the API's stage failed"));
        }
        RestAnswer answer = query.containsKey("null") ? null : echo(request, headers, query);
        if (query.containsKey("hold")) {
            return held.computeIfAbsent(query.get("hold"), k -> new CompletableFuture<>())
                    .thenApply(ignored -> answer);
        }
        if (query.containsKey("delay")) {
            CompletableFuture<RestAnswer> delayed = new CompletableFuture<>();
            later.schedule(() -> delayed.complete(answer), Long.parseLong(query.get("delay")), TimeUnit.MILLISECONDS);
            return delayed;
        }
        return CompletableFuture.completedFuture(answer);
    }

    @Override
    public RestAnswer refusal(int status, String path) {
        refused.add(new Refused(status, path));
        String json = "{\"error\":\"REFUSED\",\"status\":" + status + ",\"path\":"
                + (path == null ? "null" : quoted(path)) + "}";
        return new RestAnswer(status, Map.of("X-Refused-By", "echo-api"), "application/json",
                json.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public int bodyLimit(String path) {
        return path.startsWith("/limited") ? SMALL_LIMIT : LARGE_LIMIT;
    }

    /** Completes the stages of the requests that said {@code hold=key}, and of those that will. */
    void release(String key) {
        held.computeIfAbsent(key, k -> new CompletableFuture<>()).complete(null);
    }

    List<Seen> seen() {
        return List.copyOf(seen);
    }

    /** The requests for {@code path} that reached the API, oldest first. */
    List<Seen> seen(String path) {
        return seen.stream().filter(s -> s.path().equals(path)).toList();
    }

    int count() {
        return seen.size();
    }

    List<Refused> refused() {
        return List.copyOf(refused);
    }

    void close() {
        later.shutdownNow();
    }

    /** N bytes of letters in a pattern that does not repeat every power of two. */
    static byte[] generated(int size) {
        byte[] bytes = new byte[size];
        for (int i = 0; i < size; i++) {
            bytes[i] = (byte) ('a' + (i * 7 + i / 251) % 26);
        }
        return bytes;
    }

    /** The JSON echo of a request, as {@link EchoApi} writes it: tests spell it out to compare. */
    static String json(String method, String path, String rawQuery, Map<String, String> headers, String body) {
        StringBuilder b = new StringBuilder("{\"method\":").append(quoted(method))
                .append(",\"path\":").append(quoted(path))
                .append(",\"rawQuery\":").append(rawQuery == null ? "null" : quoted(rawQuery))
                .append(",\"headers\":{");
        String separator = "";
        for (Map.Entry<String, String> header : headers.entrySet()) {
            b.append(separator).append(quoted(header.getKey())).append(':').append(quoted(header.getValue()));
            separator = ",";
        }
        return b.append("},\"body\":").append(quoted(body)).append('}').toString();
    }

    private static RestAnswer echo(RestRequest request, Map<String, String> headers, Map<String, String> query) {
        int status = Integer.parseInt(query.getOrDefault("status", "200"));
        Map<String, String> answerHeaders = new LinkedHashMap<>();
        query.forEach((name, value) -> {
            if (name.startsWith("h.")) {
                answerHeaders.put(name.substring(2), value);
            }
        });
        if (status == 204 || status == 304) {
            return new RestAnswer(status, answerHeaders, null, null);
        }
        if ("bytes".equals(query.get("as"))) {
            answerHeaders.put("X-Echo-Method", request.method());
            answerHeaders.put("X-Echo-Path", request.path());
            answerHeaders.put("X-Echo-Query", String.valueOf(request.rawQuery()));
            byte[] body = query.containsKey("size") ? generated(Integer.parseInt(query.get("size"))) : request.body();
            return new RestAnswer(status, answerHeaders, "application/octet-stream", body);
        }
        String json = json(request.method(), request.path(), request.rawQuery(), headers,
                new String(request.body(), StandardCharsets.UTF_8));
        return new RestAnswer(status, answerHeaders, "application/json", json.getBytes(StandardCharsets.UTF_8));
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> result = new LinkedHashMap<>();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                String name = eq < 0 ? pair : pair.substring(0, eq);
                String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                result.put(name, value);
            }
        }
        return result;
    }

    private static String quoted(String text) {
        StringBuilder b = new StringBuilder("\"");
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }

    /** A failure the tests ask for: no stack trace in the log. */
    static final class Deliberate extends RuntimeException {
        Deliberate(String message) {
            super(message, null, false, false);
        }
    }
}
