package io.convro.bootstrap.realtime;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * node and npm from the PATH, and the JS client project of {@code src/test/js} installed with {@code npm ci} into
 * {@code target/js-client} (from the committed lock file, so a fresh machine gets exactly the tested versions).
 */
final class NodeTool {
    private static final Path SOURCES = Path.of("src", "test", "js");
    private static final Path WORK = Path.of("target", "js-client");
    private static final int MINIMUM_NODE_MAJOR = 20;

    private final Path node;

    private NodeTool(Path node) {
        this.node = node;
    }

    /** node ≥ 20 and npm, or skip (fail when {@code CI=true}); then {@code npm ci} unless the install is current. */
    static NodeTool installed() {
        Path node = onPath("node");
        Path npm = onPath("npm");
        if (node == null || npm == null) {
            TestServices.unavailable("node and npm must be on the PATH for the JavaScript client test (node " + MINIMUM_NODE_MAJOR + "+)");
        }
        Output version = run(List.of(node.toString(), "--version"), Path.of("."), Map.of(), 30);
        int major = Integer.parseInt(version.stdout().trim().replaceFirst("^v", "").split("\\.")[0]);
        if (major < MINIMUM_NODE_MAJOR) {
            TestServices.unavailable("node " + version.stdout().trim() + " is too old, " + MINIMUM_NODE_MAJOR + "+ is needed");
        }
        copySources();
        if (!Files.isDirectory(WORK.resolve("node_modules").resolve("socket.io-client"))) {
            Output ci = run(List.of(npm.toString(), "ci", "--no-audit", "--no-fund"), WORK, Map.of(), 300);
            if (ci.exit() != 0) {
                throw new IllegalStateException("npm ci failed (" + ci.exit() + "):\n" + ci.stdout() + ci.stderr());
            }
        }
        return new NodeTool(node);
    }

    /** Run {@code node <script>} in the installed project with extra environment variables. */
    Output runScript(String script, Map<String, String> env, int timeoutSeconds) {
        return run(List.of(node.toString(), script), WORK, env, timeoutSeconds);
    }

    record Output(int exit, String stdout, String stderr) {
    }

    private static void copySources() {
        try {
            Files.createDirectories(WORK);
            boolean lockChanged = !Files.exists(WORK.resolve("package-lock.json"))
                    || Files.mismatch(SOURCES.resolve("package-lock.json"), WORK.resolve("package-lock.json")) != -1;
            try (var files = Files.list(SOURCES)) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    Files.copy(file, WORK.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                }
            }
            if (lockChanged) {
                deleteTree(WORK.resolve("node_modules"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (var paths = Files.walk(root)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    private static Path onPath(String command) {
        String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir, command);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    private static Output run(List<String> command, Path dir, Map<String, String> env, int timeoutSeconds) {
        try {
            Path out = Files.createTempFile("convro-node", ".out");
            Path err = Files.createTempFile("convro-node", ".err");
            ProcessBuilder builder = new ProcessBuilder(new ArrayList<>(command)).directory(dir.toFile())
                    .redirectOutput(out.toFile()).redirectError(err.toFile());
            builder.environment().putAll(env);
            Process process = builder.start();
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " did not finish within " + timeoutSeconds + " s");
            }
            Output output = new Output(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
            Files.delete(out);
            Files.delete(err);
            return output;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
