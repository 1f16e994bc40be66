package io.convro.bootstrap;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.nio.file.StandardCopyOption;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

/**
 * The server JVM's class-data archive (AppCDS): most of a start on the embedded database is spent loading and
 * verifying the jar's classes, and a JVM that maps them from an archive starts in about half the time. The
 * launcher writes it once, {@link #TRAINING_DELAY} after the first start of a jar, from a short second JVM with the
 * same options ({@link ClassTraining}: a server of its own on a scratch folder, exited with
 * {@code -XX:ArchiveClassesAtExit}), and the server JVM maps it on every later start ({@code -XX:SharedArchiveFile}).
 * Written beside the running server, not when it exits, so the start after a crash (a kill, an OutOfMemoryError) is
 * as fast as any other: that is the start whose speed matters most. Not by the serving JVM itself (the
 * {@code VM.cds dynamic_dump} command): that stopped it for 6 s on this 2-core machine.
 *
 * <p>The file lives in {@code CONVRO_DATA_DIR/cds/} and its name is derived from the jar (path, size, time), the
 * JVM and the JVM options, so an upgrade or another JVM simply makes a new one (older ones are removed). A JVM
 * that cannot use an archive runs without it. {@code CONVRO_CLASS_ARCHIVE=off} turns it off; so does any CDS
 * option in {@code CONVRO_JAVA_OPTS}.
 */
final class ClassArchive {
    static final String VARIABLE = "CONVRO_CLASS_ARCHIVE";
    private static final String PREFIX = "convro-";
    /** The JVM reports archive mismatches and skipped classes as warnings: expected here, so not shown. */
    private static final List<String> QUIET = List.of("-Xlog:cds=off", "-Xlog:cds+dynamic=off");

    /** The server starts first; the training run then competes with its traffic only, not with its start. */
    static final Duration TRAINING_DELAY = Duration.ofSeconds(15);
    private static final Duration TRAINING_TIMEOUT = Duration.ofSeconds(120);

    private final Path file;
    private final Path pending;
    private Process training;
    private boolean stopped;

    private ClassArchive(Path file) {
        this.file = file;
        this.pending = file.resolveSibling(file.getFileName() + ".writing");
    }

    /** The archive for this jar, JVM and options, or {@code null} when it is turned off or has nowhere to go. */
    static ClassArchive of(Path jar, List<String> jvmOptions, Map<String, String> env) {
        if ("off".equalsIgnoreCase(env.getOrDefault(VARIABLE, "").trim())
                || jvmOptions.stream().anyMatch(option -> option.startsWith("-Xshare")
                || option.contains("SharedArchiveFile") || option.contains("ArchiveClassesAtExit"))) {
            return null;
        }
        String dataDir = env.getOrDefault("CONVRO_DATA_DIR", "").isBlank() ? "./data" : env.get("CONVRO_DATA_DIR").trim();
        try {
            Path directory = Files.createDirectories(DataFolder.prepare(Path.of(dataDir)).resolve("cds"));
            String key = jar.toAbsolutePath() + "|" + Files.size(jar) + "|" + Files.getLastModifiedTime(jar).toMillis()
                    + "|" + System.getProperty("java.home") + "|" + System.getProperty("java.vm.version") + "|"
                    + String.join(" ", jvmOptions);
            return new ClassArchive(directory.resolve(PREFIX + digest(key) + ".jsa"));
        } catch (IOException | RuntimeException unusable) {
            return null;
        }
    }

    /** The server JVM's options: map the archive if it exists. */
    List<String> options() {
        return Files.isRegularFile(file) ? Stream.concat(Stream.of("-XX:SharedArchiveFile=" + file), QUIET.stream()).toList()
                : List.of();
    }

    /** Whether the archive still has to be written. */
    boolean missing() {
        return !Files.isRegularFile(file);
    }

    /** The training JVM's command: {@code javaAndOptions} (the server's java and options) writing the archive at exit. */
    List<String> trainingCommand(List<String> javaAndOptions, Path jar) {
        return Stream.of(javaAndOptions.stream(), Stream.of("-XX:ArchiveClassesAtExit=" + pending), QUIET.stream(),
                Stream.of("-cp", jar.toString(), ClassTraining.class.getName())).flatMap(s -> s).toList();
    }

    /**
     * {@link #TRAINING_DELAY} from now, if {@code serving} still holds, run {@code command} (see
     * {@link #trainingCommand}) on a daemon thread; its archive takes its place if the JVM exited normally.
     */
    void writeInBackground(List<String> command, BooleanSupplier serving) {
        Thread writer = new Thread(() -> {
            try {
                Thread.sleep(TRAINING_DELAY.toMillis());
                if (serving.getAsBoolean()) {
                    train(command);
                }
            } catch (InterruptedException stopped) {
                Thread.currentThread().interrupt();
            }
        }, "convro-class-archive");
        writer.setDaemon(true);
        writer.start();
    }

    private void train(List<String> command) throws InterruptedException {
        Process process;
        synchronized (this) {
            if (stopped) {
                return;
            }
            try {
                process = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                        .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            } catch (IOException cannot) {
                return;
            }
            training = process;
        }
        boolean exited = process.waitFor(TRAINING_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        if (!exited) {
            process.destroyForcibly().waitFor();
        }
        synchronized (this) {
            training = null;
            if (exited && process.exitValue() == 0 && !stopped) {
                install();
            } else {
                discardPending();
            }
        }
    }

    /** The launcher stops: a training run still going is ended, and what it left half written goes. */
    synchronized void stop() {
        stopped = true;
        if (training != null) {
            training.destroyForcibly();
            try {
                training.waitFor(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        discardPending();
    }

    private void install() {
        if (!Files.isRegularFile(pending)) {
            return;
        }
        try {
            Files.move(pending, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            try (DirectoryStream<Path> archives = Files.newDirectoryStream(file.getParent(), PREFIX + "*")) {
                for (Path other : archives) {
                    if (!other.equals(file)) {
                        Files.deleteIfExists(other);
                    }
                }
            }
        } catch (IOException ignored) {
            // the next start writes it again
        }
    }

    private void discardPending() {
        try {
            Files.deleteIfExists(pending);
        } catch (IOException ignored) {
            // overwritten by the next training run
        }
    }

    Path file() {
        return file;
    }

    private static String digest(String key) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 8);
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
