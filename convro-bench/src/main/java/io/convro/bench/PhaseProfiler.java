package io.convro.bench;

import com.sun.tools.attach.VirtualMachine;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.Optional;

/**
 * async-profiler (4.1, from Maven Central, its native library inside the jar) attached to the server's JVM for
 * one phase at a time: started when the phase starts, stopped when it ends, its samples written as collapsed
 * stacks to {@code <dir>/<phase>.collapsed} (one line a stack, the thread's name first, for flame graphs or
 * {@code sort | head}).
 * The server is the deepest {@code java} process of the tree the bench started (the launcher's child).
 */
final class PhaseProfiler {
    private static final String LIBRARY = "linux-x64/libasyncProfiler.so";

    private final Path directory;
    private final String event;
    private final Path library;

    private PhaseProfiler(Path directory, String event, Path library) {
        this.directory = directory;
        this.event = event;
        this.library = library;
    }

    /** Empty when no profile was asked for. */
    static Optional<PhaseProfiler> of(Optional<Path> directory, String event, Path workDir) {
        if (directory.isEmpty()) {
            return Optional.empty();
        }
        try (InputStream in = PhaseProfiler.class.getClassLoader().getResourceAsStream(LIBRARY)) {
            if (in == null) {
                throw new IllegalStateException(LIBRARY + " is not in the bench jar");
            }
            Path library = workDir.resolve("libasyncProfiler.so");
            Files.copy(in, library, StandardCopyOption.REPLACE_EXISTING);
            Files.createDirectories(directory.get());
            return Optional.of(new PhaseProfiler(directory.get(), event, library));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void start(ProcessHandle server) {
        // a sample per millisecond of CPU or wall time; allocations are sampled by async-profiler's default size
        command(server, "start,threads,event=" + event + (event.equals("cpu") || event.equals("wall") ? ",interval=1ms" : ""));
    }

    /** Stop and write {@code <phase>.collapsed}; returns where. */
    Path stop(ProcessHandle server, String phase) {
        Path file = directory.resolve(phase + ".collapsed").toAbsolutePath();
        // counted in samples, allocations in bytes
        command(server, "stop,collapsed" + (event.equals("alloc") ? ",total" : "") + ",file=" + file);
        return file;
    }

    private void command(ProcessHandle server, String command) {
        ProcessHandle jvm = server.descendants()
                .filter(process -> process.info().command().map(path -> path.endsWith("/java")).orElse(false))
                .max(Comparator.comparingLong(ProcessHandle::pid))
                .orElse(server);
        try {
            VirtualMachine vm = VirtualMachine.attach(Long.toString(jvm.pid()));
            try {
                vm.loadAgentPath(library.toString(), command);
            } finally {
                vm.detach();
            }
        } catch (Exception e) {
            throw new IllegalStateException("async-profiler: " + command + " on pid " + jvm.pid() + " failed", e);
        }
    }
}
