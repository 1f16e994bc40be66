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
    static final Map<String, Level> LIBRARY_LEVELS = Map.ofEntries(
            Map.entry("org.eclipse.jetty", Level.WARN),
            Map.entry("io.netty", Level.WARN),
            Map.entry("org.redisson", Level.WARN),
            Map.entry("com.zaxxer.hikari", Level.WARN),
            Map.entry("org.flywaydb", Level.INFO),
            Map.entry("com.corundumstudio", Level.WARN),
            // netty-socketio logs what a client sent, tokens included, at ERROR with a stack trace per frame: the
            // frame's text (InPacketHandler, JsonSupportWrapper), the URI with its ?token= (AuthorizeHandler, and its
            // DEBUG lines print query and headers), the query of a wrong path (WrongUrlHandler), an unknown sid per
            // poll (PollingTransport). Convro logs those failures itself, summarised and without the input
            // (ClientInputLog). An operator's own logback file must keep these off too.
            Map.entry("com.corundumstudio.socketio.handler.InPacketHandler", Level.OFF),
            Map.entry("com.corundumstudio.socketio.JsonSupportWrapper", Level.OFF),
            Map.entry("com.corundumstudio.socketio.handler.AuthorizeHandler", Level.OFF),
            Map.entry("com.corundumstudio.socketio.handler.WrongUrlHandler", Level.OFF),
            Map.entry("com.corundumstudio.socketio.transport.PollingTransport", Level.OFF));

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
