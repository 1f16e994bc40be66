package io.convro.bench;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A mariadbd of the soak's own (own data folder, port and socket; MariaDB's compiled-in defaults, so a 128 MiB
 * buffer pool and every commit flushed, as Debian's), which the soak may stop and start: the machine's shared
 * MariaDB on 3306 is never touched. Stopped either with SIGSTOP (connections stay open and nothing answers, as a
 * hung host or a full disk looks: what timeouts are for) or with SIGKILL and a restart on the same data (a crash:
 * InnoDB recovers from its redo log; every acknowledged message must still be there).
 */
final class StoppableMariaDb implements AutoCloseable {
    private static final Path MARIADBD = Path.of("/usr/sbin/mariadbd");
    private static final Path INSTALL_DB = Path.of("/usr/bin/mariadb-install-db");

    private final Path dir;
    private final int port;
    private volatile Process process;

    private StoppableMariaDb(Path dir, int port) {
        this.dir = dir;
        this.port = port;
    }

    /** Initialise a data folder under {@code parent}, start on a free port, and create the database {@code convro}. */
    static StoppableMariaDb start(Path parent) throws IOException, InterruptedException {
        if (!Files.isExecutable(MARIADBD) || !Files.isExecutable(INSTALL_DB)) {
            throw new IllegalStateException("mariadbd and mariadb-install-db are needed (apt-get install mariadb-server)");
        }
        Path dir = Files.createDirectories(parent.resolve("mariadb"));
        Process installing = new ProcessBuilder(INSTALL_DB.toString(), "--no-defaults", "--datadir=" + dir.resolve("data"),
                "--user=root", "--auth-root-authentication-method=normal", "--skip-test-db")
                .redirectErrorStream(true).redirectOutput(dir.resolve("install.log").toFile()).start();
        if (!installing.waitFor(120, TimeUnit.SECONDS) || installing.exitValue() != 0) {
            throw new IllegalStateException("mariadb-install-db failed, see " + dir.resolve("install.log"));
        }
        StoppableMariaDb server = new StoppableMariaDb(dir, ServerUnderTest.freePort());
        server.launch();
        try (Connection connection = server.connect(""); Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE convro CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create the database", e);
        }
        return server;
    }

    private void launch() throws InterruptedException {
        List<String> command = new ArrayList<>(List.of(MARIADBD.toString(), "--no-defaults", "--datadir=" + dir.resolve("data"),
                "--port=" + port, "--bind-address=127.0.0.1", "--socket=" + dir.resolve("mysqld.sock"),
                "--pid-file=" + dir.resolve("mysqld.pid"), "--user=root", "--skip-log-bin", "--skip-name-resolve"));
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("mariadbd.log").toFile())).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (true) {
            try (Connection ignored = connect("")) {
                return;
            } catch (SQLException notYet) {
                if (System.nanoTime() > deadline || !process.isAlive()) {
                    throw new IllegalStateException("the private mariadbd did not start, see " + dir.resolve("mariadbd.log"), notYet);
                }
                Thread.sleep(100);
            }
        }
    }

    /** The server's URL (user root, no password: give them as CONVRO_DB_USER / CONVRO_DB_PASSWORD). */
    String jdbcUrl() {
        return "jdbc:mysql://127.0.0.1:" + port + "/convro";
    }

    Connection connect(String database) throws SQLException {
        return DriverManager.getConnection("jdbc:mysql://127.0.0.1:" + port + "/" + database
                + "?user=root&password=&connectTimeout=2000&socketTimeout=60000");
    }

    /** SIGSTOP: nothing answers any more, every connection stays open. */
    void pause() {
        signal("-STOP");
    }

    /** SIGCONT: it goes on where it stopped. */
    void resume() {
        signal("-CONT");
    }

    /** SIGKILL, as a crash or a power cut: what was committed is in the redo log, the rest is gone. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** Start again on the same data and port (InnoDB's crash recovery runs first); returns once it accepts a login. */
    void restart() throws InterruptedException {
        launch();
    }

    ProcessHandle handle() {
        return process.toHandle();
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
            // a temporary folder left behind is harmless
        }
    }
}
