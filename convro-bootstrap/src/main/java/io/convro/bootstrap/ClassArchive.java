package io.convro.bootstrap;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The server JVM's class-data archive (AppCDS): most of a start on the embedded database is spent loading and
 * verifying the jar's classes, and a JVM that maps them from an archive starts in about half the time. The
 * launcher's child JVM writes the archive when it exits the first time ({@code -XX:ArchiveClassesAtExit}, which
 * makes that one stop a few seconds longer) and maps it on every later start ({@code -XX:SharedArchiveFile}).
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

    private final Path file;
    private final Path pending;

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

    /** The child's options: map the archive if it exists, else write it at exit. */
    List<String> options() {
        String option = Files.isRegularFile(file) ? "-XX:SharedArchiveFile=" + file
                : "-XX:ArchiveClassesAtExit=" + pending;
        return Stream.concat(Stream.of(option), QUIET.stream()).toList();
    }

    /**
     * After the child exited with {@code status}: a completely written archive takes its place, and archives of
     * other jars go. Only an exit the JVM went through itself (not a kill) can have finished writing it.
     */
    synchronized void childExited(int status) {
        if (!Files.isRegularFile(pending)) {
            return;
        }
        if (status != 0 && status != 130 && status != 143) {
            try {
                Files.deleteIfExists(pending);
            } catch (IOException ignored) {
                // overwritten by the next start
            }
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
