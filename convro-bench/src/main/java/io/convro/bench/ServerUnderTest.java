package io.convro.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The server jar as a user starts it ({@code java [opts] -jar convro-server.jar}), configured through the
 * environment, on a free loopback port; its output goes to a log file. Knows how long it took to be healthy.
 */
final class ServerUnderTest implements AutoCloseable {
    private final Process process;
    private final URI base;
    private final URI socketBase;
    private final long startToHealthyMillis;

    private ServerUnderTest(Process process, URI base, URI socketBase, long startToHealthyMillis) {
        this.process = process;
        this.base = base;
        this.socketBase = socketBase;
        this.startToHealthyMillis = startToHealthyMillis;
    }

    /** {@code twoPorts}: Socket.IO on a port of its own ({@code CONVRO_SOCKETIO_PORT}), REST straight to Jetty. */
    static ServerUnderTest start(Path jar, List<String> jvmOptions, Map<String, String> env, boolean twoPorts, Path log) {
        int port = freePort();
        return start(jar, jvmOptions, env, port, twoPorts ? freePort() : port, log);
    }

    /**
     * On the given ports, so that a server killed on purpose comes back where its clients look for it; the log is
     * appended to, so a restart keeps what the process before it wrote.
     */
    static ServerUnderTest start(Path jar, List<String> jvmOptions, Map<String, String> env, int port, int socketPort,
                                 Path log) {
        boolean twoPorts = socketPort != port;
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-jar");
        command.add(jar.toString());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().keySet().removeIf(key -> key.startsWith("CONVRO_"));
        builder.environment().putAll(env);
        builder.environment().put("CONVRO_HTTP_HOST", "127.0.0.1");
        builder.environment().put("CONVRO_HTTP_PORT", Integer.toString(port));
        if (twoPorts) {
            builder.environment().put("CONVRO_SOCKETIO_PORT", Integer.toString(socketPort));
        }
        URI base = URI.create("http://127.0.0.1:" + port);
        Rest rest = new Rest(base);
        long started = System.nanoTime();
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        while (rest.status("/health") != 200) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the server exited with " + process.exitValue() + "; see " + log);
            }
            if (System.nanoTime() - started > TimeUnit.SECONDS.toNanos(120)) {
                process.destroyForcibly();
                throw new IllegalStateException("the server was not healthy after 120 s; see " + log);
            }
            sleep(10);
        }
        return new ServerUnderTest(process, base, URI.create("http://127.0.0.1:" + socketPort), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
    }

    URI base() {
        return base;
    }

    /** Where sockets connect: {@link #base()} unless the two-port mode is on. */
    URI socketBase() {
        return socketBase;
    }

    long startToHealthyMillis() {
        return startToHealthyMillis;
    }

    ProcessHandle handle() {
        return process.toHandle();
    }

    /** The launcher's exit status, once it has exited. */
    int exitStatus() {
        return process.exitValue();
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
