package io.convro.adapter.persistence;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * A MariaDB server of the test's own (own datadir, port and socket) that a fault test may kill and restart;
 * the machine's shared MariaDB is never touched. Missing {@code mariadbd}: skipped, or failed when {@code CI=true}.
 */
final class PrivateMariaDb implements AutoCloseable {
    private static final Path MARIADBD = Path.of("/usr/sbin/mariadbd");
    private final Path dir;
    private final int port;
    private Process process;

    private PrivateMariaDb(Path dir, int port) {
        this.dir = dir;
        this.port = port;
    }

    static PrivateMariaDb start() {
        if (!Files.isExecutable(MARIADBD)) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new IllegalStateException("mariadbd is required in CI for the outage tests");
            }
            Assumptions.abort("mariadbd is not installed: outage tests skipped");
        }
        try {
            Path dir = Files.createTempDirectory("convro-private-mariadb");
            run(List.of("mariadb-install-db", "--no-defaults", "--datadir=" + dir.resolve("data"), "--user=root",
                    "--auth-root-authentication-method=normal", "--skip-test-db"), dir.resolve("install.log"));
            PrivateMariaDb server = new PrivateMariaDb(dir, freePort());
            server.launch();
            server.execute("CREATE DATABASE convro CHARACTER SET utf8mb4");
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String jdbcUrl() {
        return "jdbc:mysql://127.0.0.1:" + port + "/convro?user=root&password=";
    }

    /** Kill the server like a crash: no shutdown, connections just die. */
    void kill() {
        process.destroyForcibly();
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stop the server without ending it (SIGSTOP): connections stay open and nothing answers, as on a hung host. */
    void pause() {
        signal("-STOP");
    }

    /** Let a paused server go on (SIGCONT). */
    void resume() {
        signal("-CONT");
    }

    private void signal(String signal) {
        try {
            Process kill = new ProcessBuilder("kill", signal, Long.toString(process.pid())).inheritIO().start();
            if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                throw new IllegalStateException("kill " + signal + " failed");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Start the same server again on the same data and port. */
    void restart() {
        launch();
    }

    private void launch() {
        try {
            process = new ProcessBuilder(MARIADBD.toString(), "--no-defaults", "--datadir=" + dir.resolve("data"),
                    "--port=" + port, "--bind-address=127.0.0.1", "--socket=" + dir.resolve("sock"),
                    "--pid-file=" + dir.resolve("pid"), "--user=root", "--skip-log-bin", "--skip-name-resolve")
                    .redirectErrorStream(true).redirectOutput(dir.resolve("server.log").toFile()).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (true) {
            try (Connection ignored = DriverManager.getConnection("jdbc:mysql://127.0.0.1:" + port + "/?user=root&password=")) {
                return;
            } catch (SQLException notYet) {
                if (Instant.now().isAfter(deadline) || !process.isAlive()) {
                    throw new IllegalStateException("private mariadbd did not start, see " + dir.resolve("server.log"), notYet);
                }
                sleep(200);
            }
        }
    }

    private void execute(String sql) {
        try (Connection connection = DriverManager.getConnection("jdbc:mysql://127.0.0.1:" + port + "/?user=root&password=")) {
            connection.createStatement().execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        if (process != null) {
            resume();
            kill();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        } catch (IOException ignored) {
            // a temp folder left behind is harmless
        }
    }

    private static void run(List<String> command, Path log) throws IOException {
        try {
            Process install = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!install.waitFor(120, TimeUnit.SECONDS) || install.exitValue() != 0) {
                throw new IllegalStateException("mariadb-install-db failed, see " + log);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
