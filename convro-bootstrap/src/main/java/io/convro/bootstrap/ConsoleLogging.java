package io.convro.bootstrap;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;
import java.util.Map;
import org.slf4j.Logger;

/**
 * The server's logging, set up in code: one line per event on stdout, INFO for Convro and Flyway, WARN for the
 * chattier libraries. Nothing secret is logged by Convro's code (no tokens, ciphertext or passwords). Logback would
 * read the same from an XML file, but parsing it took a few hundred milliseconds of every start.
 *
 * <p>An operator's own file ({@code -Dlogback.configurationFile=…}) still wins: then this steps aside.
 */
public final class ConsoleLogging extends ContextAwareBase implements Configurator {
    static final String PATTERN = "%d{yyyy-MM-dd'T'HH:mm:ss.SSSX,UTC} %-5level [%thread] %logger{20} - %msg%n";
    static final Map<String, Level> LIBRARY_LEVELS = Map.of(
            "org.eclipse.jetty", Level.WARN,
            "io.netty", Level.WARN,
            "org.redisson", Level.WARN,
            "com.zaxxer.hikari", Level.WARN,
            "org.flywaydb", Level.INFO,
            "com.corundumstudio", Level.WARN);

    /** The logger that reports a pool which could not connect at start, with a stack trace of 30-50 lines. */
    static final String POOL_START_LOGGER = "com.zaxxer.hikari.pool.HikariPool";

    /**
     * Run {@code start} with the pool's start-up error report silenced (startup reports the failure in one line of
     * its own); afterwards the pool logs as before.
     */
    static void whileStarting(Runnable start) {
        ch.qos.logback.classic.Logger pool = org.slf4j.LoggerFactory.getILoggerFactory() instanceof LoggerContext context
                ? context.getLogger(POOL_START_LOGGER) : null;
        Level before = pool == null ? null : pool.getLevel();
        if (pool != null) {
            pool.setLevel(Level.OFF);
        }
        try {
            start.run();
        } finally {
            if (pool != null) {
                pool.setLevel(before);
            }
        }
    }

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (System.getProperty("logback.configurationFile") != null) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(PATTERN);
        encoder.start();
        ConsoleAppender<ILoggingEvent> stdout = new ConsoleAppender<>();
        stdout.setContext(context);
        stdout.setName("STDOUT");
        stdout.setEncoder(encoder);
        stdout.start();
        ch.qos.logback.classic.Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.INFO);
        root.addAppender(stdout);
        LIBRARY_LEVELS.forEach((name, level) -> context.getLogger(name).setLevel(level));
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }
}
