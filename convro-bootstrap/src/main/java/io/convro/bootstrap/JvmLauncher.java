package io.convro.bootstrap;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Gives {@code java -jar convro-server.jar} Convro's JVM defaults. A bare {@code java -jar} leaves the JVM to its
 * own ergonomics: on a machine with 24 GiB it may grow the heap to 6 GiB, and picks G1 for two cores. So when the
 * command line names no JVM option at all, the jar starts itself once more in a child JVM with
 * {@link #DEFAULT_OPTIONS} (or {@code CONVRO_JAVA_OPTS}, which replaces them), shares its standard streams,
 * passes SIGTERM on, and exits with the child's status. The child stops if this process disappears.
 *
 * <p>Any JVM option on the command line ({@code java -Xmx1g -jar …}, also through {@code JAVA_TOOL_OPTIONS})
 * means the operator chose: the server then runs in this JVM, as started.
 */
final class JvmLauncher {
    /**
     * A bounded heap (the live set of a node is small: sockets, caches and requests in flight), the parallel
     * collector (short young collections on two cores, no concurrent threads competing with requests), and no
     * limping on after running out of memory. The young generation is fixed: the collector's adaptive sizing shrank
     * the survivor spaces to 512 KiB under the send load, so whatever was in flight at a collection was promoted,
     * the old generation filled with it (113 MiB after a minute) and a full collection (60–190 ms) followed. It is a
     * quarter of the heap, not half: with 192 MiB and a 96 MiB young generation the long-lived part of the budget
     * (base, pooled hash memory, sockets, the driver's statements: ~100 MiB, docs/memory-budget.md) did not fit the
     * 96 MiB old generation, and under the soak's mixed load 59 % of the server's CPU went to full collections.
     * The heap is made resident at start (AlwaysPreTouch): a node's footprint is what it will be under load from
     * its first second (~490 MiB with the launcher), and a connection then adds its native buffers, not the pages of
     * its share of the heap (5,000 idle official-client sockets: 6.2 kB each on a fresh node instead of 10.6 kB).
     */
    static final List<String> DEFAULT_OPTIONS = List.of("-Xms256m", "-Xmx256m", "-Xmn64m", "-XX:-UseAdaptiveSizePolicy",
            "-XX:+UseParallelGC", "-XX:+ExitOnOutOfMemoryError", "-XX:+AlwaysPreTouch");
    static final String OPTIONS_VARIABLE = "CONVRO_JAVA_OPTS";
    /** Set in the child's environment: the pid of the launcher it belongs to. */
    static final String LAUNCHER_PID_VARIABLE = "CONVRO_LAUNCHER_PID";
    private static final long STOP_GRACE_SECONDS = 30;

    private JvmLauncher() {
    }

    /** Whether this JVM should start the server in a child with the defaults (no JVM option was given). */
    static boolean shouldRelaunch(List<String> jvmArguments, Map<String, String> env) {
        return jvmArguments.isEmpty() && !env.containsKey(LAUNCHER_PID_VARIABLE);
    }

    /** The child's JVM options: {@code CONVRO_JAVA_OPTS} split on whitespace if set, else the defaults. */
    static List<String> childOptions(Map<String, String> env) {
        String given = env.get(OPTIONS_VARIABLE);
        if (given == null || given.isBlank()) {
            return DEFAULT_OPTIONS;
        }
        return List.of(given.trim().split("\\s+"));
    }

    /**
     * If this JVM was started without options, run the server in a child JVM with the defaults and return its
     * exit status; otherwise return -1 and let the caller run the server here.
     */
    static int relaunchIfBare(String[] args) {
        Map<String, String> env = System.getenv();
        if (!shouldRelaunch(ManagementFactory.getRuntimeMXBean().getInputArguments(), env)) {
            watchLauncher(env);
            return -1;
        }
        Path jar = ownJar();
        if (jar == null) {
            return -1; // not run from the jar (an IDE, a test): nothing to restart
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> options = childOptions(env);
        command.addAll(options);
        ClassArchive archive = ClassArchive.of(jar, options, env);
        if (archive != null) {
            command.addAll(archive.options());
        }
        command.add("-jar");
        command.add(jar.toString());
        command.addAll(Arrays.asList(args));
        ProcessBuilder builder = new ProcessBuilder(command).inheritIO();
        builder.environment().put(LAUNCHER_PID_VARIABLE, Long.toString(ProcessHandle.current().pid()));
        Process child;
        try {
            child = builder.start();
        } catch (IOException e) {
            System.err.println("convro: cannot start the server JVM: " + e.getMessage());
            return 1;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(child, archive), "convro-launcher-stop"));
        if (archive != null && archive.missing()) {
            archive.writeInBackground(archive.trainingCommand(command.subList(0, 1 + options.size()), jar), child::isAlive);
        }
        while (true) {
            try {
                int status = child.waitFor();
                if (archive != null) {
                    archive.stop();
                }
                return status;
            } catch (InterruptedException e) {
                // only a shutdown interrupts this thread; keep waiting for the child's status
            }
        }
    }

    /** SIGTERM (or Ctrl-C) reached this process: pass it on and wait for the child's graceful stop. */
    private static void stop(Process child, ClassArchive archive) {
        if (archive != null) {
            archive.stop();
        }
        if (!child.isAlive()) {
            return;
        }
        child.destroy();
        try {
            if (!child.waitFor(STOP_GRACE_SECONDS, TimeUnit.SECONDS)) {
                child.destroyForcibly();
                child.waitFor();
            }
        } catch (InterruptedException e) {
            child.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** In a child: if the launcher goes away without a word (killed), stop gracefully instead of living on. */
    private static void watchLauncher(Map<String, String> env) {
        String launcher = env.get(LAUNCHER_PID_VARIABLE);
        if (launcher == null) {
            return;
        }
        try {
            ProcessHandle.of(Long.parseLong(launcher)).ifPresentOrElse(
                    parent -> parent.onExit().thenRun(() -> System.exit(0)), () -> System.exit(0));
        } catch (NumberFormatException ignored) {
            // not ours: ignore
        }
    }

    private static Path ownJar() {
        try {
            Path location = Path.of(JvmLauncher.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return location.toString().endsWith(".jar") ? location : null;
        } catch (URISyntaxException | SecurityException | NullPointerException e) {
            return null;
        }
    }
}
