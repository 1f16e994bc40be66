package io.convro.bootstrap.realtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Debian's Chromium, headless, driven over the DevTools protocol from the JDK's own WebSocket client (no npm
 * package, no driver binary): one page, commands sent and their answers awaited by id.
 */
final class HeadlessChromium implements AutoCloseable {
    private static final Pattern LISTENING = Pattern.compile("DevTools listening on (ws://\\S+)");
    private static final Duration ANSWER_WAIT = Duration.ofSeconds(30);

    private final Process process;
    private final WebSocket page;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonNode>> waiting = new ConcurrentHashMap<>();

    private HeadlessChromium(Process process, WebSocket page) {
        this.process = process;
        this.page = page;
    }

    /** Start {@code chromium} with a profile folder of its own under {@code work}, and attach to its first page. */
    static HeadlessChromium start(Path chromium, Path work) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(chromium.toString(), "--headless=new", "--no-sandbox", "--disable-gpu",
                "--no-first-run", "--no-default-browser-check", "--hide-scrollbars", "--remote-debugging-port=0",
                "--remote-debugging-address=127.0.0.1", "--user-data-dir=" + work.resolve("chromium-profile"), "about:blank")
                .redirectOutput(work.resolve("chromium.out").toFile()).start();
        try {
            URI browser = devToolsAddress(process);
            HttpClient http = HttpClient.newHttpClient();
            URI list = URI.create("http://" + browser.getHost() + ":" + browser.getPort() + "/json/list");
            JsonNode targets = RestClient.JSON.readTree(http.send(HttpRequest.newBuilder(list).build(),
                    HttpResponse.BodyHandlers.ofString()).body());
            String pageAddress = null;
            for (JsonNode target : targets) {
                if ("page".equals(target.path("type").asText())) {
                    pageAddress = target.path("webSocketDebuggerUrl").asText();
                }
            }
            if (pageAddress == null) {
                throw new IllegalStateException("chromium opened no page: " + targets);
            }
            HeadlessChromium[] self = new HeadlessChromium[1];
            WebSocket socket = http.newWebSocketBuilder().buildAsync(URI.create(pageAddress), new WebSocket.Listener() {
                private final StringBuilder text = new StringBuilder();

                @Override
                public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                    text.append(data);
                    if (last) {
                        String message = text.toString();
                        text.setLength(0);
                        self[0].answer(message);
                    }
                    webSocket.request(1);
                    return null;
                }
            }).get(30, TimeUnit.SECONDS);
            self[0] = new HeadlessChromium(process, socket);
            return self[0];
        } catch (IOException | InterruptedException | RuntimeException e) {
            process.destroyForcibly();
            throw e;
        } catch (Exception e) {
            process.destroyForcibly();
            throw new IllegalStateException("cannot attach to chromium", e);
        }
    }

    private static URI devToolsAddress(Process process) throws IOException {
        BufferedReader errors = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8));
        StringBuilder seen = new StringBuilder();
        for (String line = errors.readLine(); line != null; line = errors.readLine()) {
            Matcher listening = LISTENING.matcher(line);
            if (listening.find()) {
                Thread drain = new Thread(() -> {
                    try {
                        while (errors.readLine() != null) {
                            // chromium's own chatter: read so that it never blocks on a full pipe
                        }
                    } catch (IOException ignored) {
                        // it exited
                    }
                }, "chromium-stderr");
                drain.setDaemon(true);
                drain.start();
                return URI.create(listening.group(1));
            }
            seen.append(line).append('\n');
        }
        throw new IllegalStateException("chromium exited before it listened:\n" + seen);
    }

    private void answer(String message) {
        try {
            JsonNode json = RestClient.JSON.readTree(message);
            if (json.has("id")) {
                CompletableFuture<JsonNode> call = waiting.remove(json.get("id").asInt());
                if (call != null) {
                    call.complete(json);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Send {@code method} with {@code params} and return its {@code result}; a protocol error is thrown. */
    JsonNode call(String method, Map<String, Object> params) {
        int id = ids.incrementAndGet();
        CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        waiting.put(id, answer);
        ObjectNode command = RestClient.JSON.createObjectNode().put("id", id).put("method", method);
        command.set("params", RestClient.JSON.valueToTree(params));
        page.sendText(command.toString(), true).join();
        try {
            JsonNode json = answer.get(ANSWER_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            if (json.has("error")) {
                throw new IllegalStateException(method + ": " + json.get("error"));
            }
            return json.path("result");
        } catch (Exception e) {
            throw new IllegalStateException(method + " was not answered", e);
        }
    }

    /** The value of a JavaScript expression in the page (JSON-serialisable values only). */
    JsonNode evaluate(String expression) {
        JsonNode result = call("Runtime.evaluate", Map.of("expression", expression, "returnByValue", true,
                "awaitPromise", true));
        if (result.has("exceptionDetails")) {
            throw new IllegalStateException(expression + " threw: " + result.get("exceptionDetails"));
        }
        return result.path("result").path("value");
    }

    @Override
    public void close() throws InterruptedException {
        page.abort();
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
