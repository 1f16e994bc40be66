package io.convro.bootstrap;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import java.util.Properties;

/**
 * What the jar does besides serving: {@code --help}, {@code --version} and {@code check}. Each runs in the JVM it was
 * started in (no child JVM), writes nothing to disk and exits.
 */
final class Commands {
    static final int OK = 0;
    static final int FAILED = 1;
    /** An unknown argument, as the shells' own tools answer it. */
    static final int USAGE = 64;
    private static final int CHECK_TIMEOUT_SECONDS = 5;

    private Commands() {
    }

    /** Whether {@code args} asks for a command rather than the server. */
    static boolean isCommand(String[] args) {
        return args.length > 0;
    }

    /** Run the command {@code args} names; its exit status. */
    static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
        String command = args[0];
        if (args.length > 1) {
            err.println("convro: " + command + " takes no further arguments (try --help)");
            return USAGE;
        }
        return switch (command) {
            case "--help", "-h", "help" -> {
                out.print(help());
                yield OK;
            }
            case "--version", "-V", "version" -> {
                out.println("convro " + Version.current());
                yield OK;
            }
            case "check" -> check(env, out, err);
            default -> {
                err.println("convro: unknown argument \"" + command + "\" (try --help)");
                yield USAGE;
            }
        };
    }

    /** The configuration as the server would read it, the ports it would bind and what it would connect to. */
    static int check(Map<String, String> env, PrintStream out, PrintStream err) {
        try {
            ConvroConfig config = ConvroConfig.from(env);
            PortReservation.bind("CONVRO_HTTP_PORT", config.httpHost(), config.httpPort()).close();
            if (config.socketIoPort() != null) {
                PortReservation.bind("CONVRO_SOCKETIO_PORT", config.httpHost(), config.socketIoPort()).close();
            }
            if (config.embeddedDatabase()) {
                checkDataFolder(config.dataDir());
            } else {
                checkDatabase(config);
            }
            if (config.redisUrl() != null) {
                checkRedis(URI.create(config.redisUrl()));
            }
            out.println("convro: configuration OK: " + config.describe());
            return OK;
        } catch (ConfigException | StartupFailure wrong) {
            err.println("convro: " + wrong.getMessage());
            return FAILED;
        }
    }

    private static void checkDataFolder(Path dataDir) {
        Path existing = dataDir.toAbsolutePath();
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null || !Files.isDirectory(existing) || !Files.isWritable(existing)) {
            throw new StartupFailure("CONVRO_DATA_DIR: " + dataDir + " cannot be created or written");
        }
    }

    private static void checkDatabase(ConvroConfig config) {
        Properties credentials = new Properties();
        if (config.dbUser() != null) {
            credentials.setProperty("user", config.dbUser());
        }
        if (config.dbPassword() != null) {
            credentials.setProperty("password", config.dbPassword());
        }
        DriverManager.setLoginTimeout(CHECK_TIMEOUT_SECONDS);
        try (Connection connection = DriverManager.getConnection(config.dbUrl(), credentials)) {
            connection.isValid(CHECK_TIMEOUT_SECONDS);
        } catch (SQLException | RuntimeException unreachable) {
            throw new StartupFailure("CONVRO_DB_URL: cannot connect to the database at " + Secrets.maskUrl(config.dbUrl())
                    + " (" + StartupFailure.reason(unreachable) + ")");
        }
    }

    private static void checkRedis(URI url) {
        int port = url.getPort() == -1 ? 6379 : url.getPort();
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(url.getHost(), port), CHECK_TIMEOUT_SECONDS * 1000);
        } catch (IOException | RuntimeException unreachable) {
            throw new StartupFailure("CONVRO_REDIS_URL: cannot connect to Redis at " + url.getHost() + ":" + port + " ("
                    + StartupFailure.reason(unreachable) + ")");
        }
    }

    static String help() {
        try (InputStream in = Commands.class.getResourceAsStream("help.txt")) {
            if (in == null) {
                throw new IllegalStateException("help.txt is missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
