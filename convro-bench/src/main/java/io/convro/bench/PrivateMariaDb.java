package io.convro.bench;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A mariadbd of the bench's own (own data folder, port and socket) that the bench may stop (SIGSTOP: connections stay
 * open, nothing answers) and let go on; the machine's shared MariaDB is never stopped.
 */
final class PrivateMariaDb implements AutoCloseable {
    private final Path dir;
    private final int port;
    private final Process process;

    private PrivateMariaDb(Path dir, int port, Process process) {
        this.dir = dir;
        this.port = port;
        this.process = process;
    }

    static PrivateMariaDb start() throws IOException, InterruptedException {
        Path mariadbd = Path.of("/usr/sbin/mariadbd");
        Path install = Path.of("/usr/bin/mariadb-install-db");
        if (!Files.isExecutable(mariadbd) || !Files.isExecutable(install)) {
            throw new IllegalStateException("mariadbd and mariadb-install-db are needed (apt-get install mariadb-server)");
        }
        Path dir = Files.createTempDirectory("convro-private-mariadb");
        Process installing = new ProcessBuilder(install.toString(), "--no-defaults", "--datadir=" + dir.resolve("data"),
                "--user=root", "--auth-root-authentication-method=normal", "--skip-test-db")
                .redirectErrorStream(true).redirectOutput(dir.resolve("install.log").toFile()).start();
        if (!installing.waitFor(120, TimeUnit.SECONDS) || installing.exitValue() != 0) {
            throw new IllegalStateException("mariadb-install-db failed, see " + dir.resolve("install.log"));
        }
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        Process process = new ProcessBuilder(mariadbd.toString(), "--no-defaults", "--datadir=" + dir.resolve("data"),
                "--port=" + port, "--bind-address=127.0.0.1", "--socket=" + dir.resolve("sock"),
                "--pid-file=" + dir.resolve("pid"), "--user=root", "--skip-log-bin", "--skip-name-resolve",
                "--innodb-buffer-pool-size=32M")
                .redirectErrorStream(true).redirectOutput(dir.resolve("server.log").toFile()).start();
        PrivateMariaDb server = new PrivateMariaDb(dir, port, process);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            try (Connection connection = DriverManager.getConnection("jdbc:mysql://127.0.0.1:" + port + "/?user=root&password=")) {
                connection.createStatement().execute("CREATE DATABASE convro CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
                return server;
            } catch (SQLException notYet) {
                if (System.nanoTime() > deadline || !process.isAlive()) {
                    server.close();
                    throw new IllegalStateException("private mariadbd did not start, see " + dir.resolve("server.log"), notYet);
                }
                Thread.sleep(200);
            }
        }
    }

    String jdbcUrl() {
        return "jdbc:mysql://127.0.0.1:" + port + "/convro?user=root&password=";
    }

    /** SIGSTOP: the server stops answering without closing anything, as a hung host looks. */
    void pause() {
        signal("-STOP");
    }

    /** SIGCONT: it goes on where it stopped. */
    void resume() {
        signal("-CONT");
    }

    private void signal(String signal) {
        try {
            new ProcessBuilder("kill", signal, Long.toString(process.pid())).inheritIO().start().waitFor(10, TimeUnit.SECONDS);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        resume();
        process.destroyForcibly();
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        } catch (IOException ignored) {
            // a temp folder left behind is harmless
        }
    }
}
