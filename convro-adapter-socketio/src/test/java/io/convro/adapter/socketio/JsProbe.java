package io.convro.adapter.socketio;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * The official JS {@code socket.io-client} 4.x, run by node from {@code src/test/js/realtime-probe.mjs}, which
 * prints each event it sees as a JSON line. {@link #install()} copies the probe to {@code target/js-probe} and runs
 * {@code npm ci} there from the committed {@code package-lock.json}, so a fresh checkout needs only node, npm and
 * the npm registry, and the source tree stays free of {@code node_modules}.
 */
final class JsProbe implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path SOURCE = Paths.get("src", "test", "js");
    private static final Path WORK = Paths.get("target", "js-probe");

    private final Process node;
    private final List<JsonNode> seen = new CopyOnWriteArrayList<>();

    private JsProbe(Process node) {
        this.node = node;
        Thread reader = new Thread(this::readEvents, "js-probe-reader");
        reader.setDaemon(true);
        reader.start();
    }

    /** Install the probe's node packages once; skips (or in CI fails) when node or npm is missing. */
    static synchronized void install() throws IOException, InterruptedException {
        requireTool("node");
        requireTool("npm");
        Files.createDirectories(WORK);
        for (String file : List.of("package.json", "package-lock.json", "realtime-probe.mjs")) {
            Files.copy(SOURCE.resolve(file), WORK.resolve(file), StandardCopyOption.REPLACE_EXISTING);
        }
        Process npm = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund", "--loglevel=error")
                .directory(WORK.toFile()).redirectErrorStream(true).start();
        String output = new String(npm.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!npm.waitFor(5, TimeUnit.MINUTES) || npm.exitValue() != 0) {
            fail("npm ci failed in " + WORK.toAbsolutePath() + ":\n" + output);
        }
    }

    /** Start one JS client: {@code tokenIn} is {@code auth}, {@code query} or {@code none}. */
    static JsProbe connect(int port, String transport, String tokenIn, String token) throws IOException {
        ProcessBuilder builder = new ProcessBuilder("node", "realtime-probe.mjs", "http://127.0.0.1:" + port, transport,
                tokenIn, token == null ? "" : token).directory(WORK.toFile());
        builder.redirectError(ProcessBuilder.Redirect.INHERIT);
        return new JsProbe(builder.start());
    }

    boolean saw(String event) {
        return first(event).isPresent();
    }

    Optional<JsonNode> first(String event) {
        return seen.stream().filter(line -> line.get("event").asText().equals(event)).findFirst();
    }

    List<String> names() {
        return seen.stream().map(line -> line.get("event").asText()).toList();
    }

    @Override
    public void close() throws InterruptedException {
        try {
            node.getOutputStream().close();
        } catch (IOException alreadyGone) {
            // the probe exited by itself
        }
        if (!node.waitFor(10, TimeUnit.SECONDS)) {
            node.destroyForcibly();
        }
    }

    private void readEvents() {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(node.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (line.startsWith("{")) {
                    seen.add(JSON.readTree(line));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void requireTool(String tool) throws InterruptedException {
        boolean present;
        try {
            present = new ProcessBuilder(tool, "--version").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor() == 0;
        } catch (IOException missing) {
            present = false;
        }
        if (!present && "true".equalsIgnoreCase(System.getenv("CI"))) {
            fail(tool + " is required in CI for the JS client tests");
        }
        assumeTrue(present, tool + " not found: JS client tests skipped");
    }
}
