package io.convro.bootstrap;

import java.lang.management.ManagementFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code java -jar convro-server.jar}: Convro's JVM defaults (see {@link JvmLauncher}), configuration from the
 * environment, then one node until SIGTERM.
 */
public final class Main {
    private static final String NETTY_LEAK_DETECTION = "io.netty.leakDetection.level";
    private Main() {
    }

    public static void main(String[] args) {
        if (Commands.isCommand(args)) {
            // --help, --version, check: in this JVM, creating nothing (no child JVM, no data folder, no class archive)
            System.exit(Commands.run(args, System.getenv(), System.out, System.err));
            return;
        }
        int launched = JvmLauncher.relaunchIfBare(args);
        if (launched >= 0) {
            System.exit(launched);
            return;
        }
        // netty samples buffers for leak reports by default, recording a stack trace each time: a debugging aid
        // that costs the send path, left to the tests; -Dio.netty.leakDetection.level=... turns it back on
        if (System.getProperty(NETTY_LEAK_DETECTION) == null) {
            System.setProperty(NETTY_LEAK_DETECTION, "disabled");
        }
        ConvroConfig config;
        try {
            config = ConvroConfig.fromEnvironment();
        } catch (ConfigException e) {
            System.err.println("convro: " + e.getMessage());
            System.exit(2);
            return;
        }
        Logger log = LoggerFactory.getLogger(Main.class);
        log.info("JVM options: {}", String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments()));
        log.info("Settings: {}", config.describe());
        ConvroServer server = new ConvroServer(config);
        try {
            // HikariCP logs a pool that cannot connect with its whole stack trace; the one line below says it all
            ConsoleLogging.whileStarting(() -> server.start());
        } catch (ConfigException e) {
            System.err.println("convro: " + e.getMessage());
            System.exit(2);
            return;
        } catch (StartupFailure e) {
            log.error("Convro could not start: {}", e.getMessage());
            System.err.println("convro: " + e.getMessage());
            System.exit(1);
            return;
        } catch (RuntimeException | Error e) {
            log.error("Convro could not start: {}", e.getMessage(), e);
            System.err.println("convro: could not start: " + e.getMessage());
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            log.info("Shutting down: finishing requests in flight");
            server.close();
            log.info("Stopped");
            ConsoleLogging.flush();
        }, "convro-shutdown"));
    }
}
