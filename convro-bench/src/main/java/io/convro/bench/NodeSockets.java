package io.convro.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Sockets of the official JavaScript client ({@code socket.io-client} 4, from the lock file inside this jar,
 * installed with {@code npm ci}) held open by one {@code node} process: what real clients cost the server, where
 * the bench's own JDK websocket client offers no compression and so costs it less.
 */
final class NodeSockets implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SCRIPT = "idle-sockets.mjs";
    private static final List<String> PROJECT_FILES = List.of("package.json", "package-lock.json", SCRIPT);

    private final Process process;
    private final BufferedReader out;
    private final Writer in;
    private final JsonNode connected;

    private NodeSockets(Process process, BufferedReader out, Writer in, JsonNode connected) {
        this.process = process;
        this.out = out;
        this.in = in;
        this.connected = connected;
    }

    /**
     * The client project under {@code dir}, installed from the committed lock (once: kept while the lock is unchanged).
     * Needs {@code node} 20+ and {@code npm} on the PATH.
     */
    static Path install(Path dir) {
        try {
            Files.createDirectories(dir);
            boolean changed = false;
            for (String file : PROJECT_FILES) {
                byte[] content;
                try (InputStream resource = NodeSockets.class.getResourceAsStream("/idle-sockets/" + file)) {
                    if (resource == null) {
                        throw new IllegalStateException("idle-sockets/" + file + " is missing from the bench jar");
                    }
                    content = resource.readAllBytes();
                }
                Path target = dir.resolve(file);
                if (!Files.exists(target) || !java.util.Arrays.equals(Files.readAllBytes(target), content)) {
                    Files.write(target, content);
                    changed |= !file.equals(SCRIPT);
                }
            }
            if (changed || !Files.isDirectory(dir.resolve("node_modules").resolve("socket.io-client"))) {
                Process ci = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund").directory(dir.toFile())
                        .redirectErrorStream(true).redirectOutput(dir.resolve("npm-ci.log").toFile()).start();
                if (!ci.waitFor(300, TimeUnit.SECONDS) || ci.exitValue() != 0) {
                    throw new IllegalStateException("npm ci failed in " + dir + ", see npm-ci.log");
                }
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot install the JavaScript client (node and npm on the PATH?)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * One socket per token, {@code concurrency} connects at a time; returns once every socket is connected or refused.
     *
     * @param transport {@code websocket}, {@code polling}, or {@code default} (the client's polling, then upgrade)
     * @param sampleFile where the text of the first {@code dm:message} frames goes, or {@code null}
     */
    static NodeSockets connect(Path project, URI base, List<String> tokens, String transport, int concurrency,
                               Path sampleFile, Path log) {
        try {
            Path tokenFile = Files.createTempFile(project, "tokens", ".txt");
            Files.write(tokenFile, tokens);
            List<String> command = new ArrayList<>(List.of("node", SCRIPT));
            ProcessBuilder builder = new ProcessBuilder(command).directory(project.toFile())
                    .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()));
            builder.environment().putAll(Map.of("CONVRO_BASE_URL", base.toString(), "TOKENS_FILE", tokenFile.toString(),
                    "TRANSPORT", transport, "CONCURRENCY", Integer.toString(concurrency)));
            if (sampleFile != null) {
                builder.environment().put("SAMPLE_FILE", sampleFile.toString());
            }
            Process process = builder.start();
            BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            Writer in = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
            String first = out.readLine();
            if (first == null) {
                throw new IllegalStateException("node exited with " + process.waitFor() + " before connecting; see " + log);
            }
            return new NodeSockets(process, out, in, JSON.readTree(first));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** What the connect phase reported: {@code connected}, {@code refused}, {@code errors}, {@code millis}, {@code transports}. */
    JsonNode connected() {
        return connected;
    }

    /** The counters now: {@code open}, {@code events}, {@code disconnects}, … */
    JsonNode stats() {
        try {
            in.write("stats\n");
            in.flush();
            return JSON.readTree(out.readLine());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Close every socket (stdin ends) and wait for node to exit. */
    @Override
    public void close() {
        try {
            in.close();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (IOException ignored) {
            process.destroyForcibly();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
