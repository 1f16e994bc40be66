package io.convro.bootstrap;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.Context;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.spi.ContextAwareBase;
import io.convro.adapter.http.web.ServedRequests;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's logging, set up in code: one line per event on stdout (text, or one JSON object a line with
 * {@code CONVRO_LOG_FORMAT=json}), INFO for Convro and Flyway, WARN for the
 * chattier libraries. Nothing secret is logged by Convro's code (no tokens, ciphertext or passwords). Logback would
 * read the same from an XML file, but parsing it took a few hundred milliseconds of every start.
 *
 * <p>An operator's own file ({@code -Dlogback.configurationFile=…}) still wins: then this steps aside.
 */
public final class ConsoleLogging extends ContextAwareBase implements Configurator {
    /** The logger of the request lines ({@code ServedRequests.LOGGER} in the HTTP adapter). */
    static final String REQUESTS_LOGGER = ServedRequests.LOGGER;
    /** Request lines that may wait for stdout. */
    static final int REQUEST_QUEUE = 8_192;
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

    /**
     * The encoder for {@code CONVRO_LOG_FORMAT}: {@code json} is logback's own {@link JsonEncoder}, one object a line
     * (timestamp, level, thread, logger, the formatted message, key-value pairs such as a request line's fields, MDC
     * and any throwable); anything else the text pattern ({@link ConvroConfig} refuses a value other than text or json
     * before the server starts).
     */
    static Encoder<ILoggingEvent> encoder(Context context, String format) {
        if (format != null && LogFormat.parse(format).orElse(LogFormat.TEXT) == LogFormat.JSON) {
            JsonEncoder json = new JsonEncoder();
            json.setContext(context);
            json.setWithSequenceNumber(false);
            json.setWithNanoseconds(false);
            json.setWithContext(false);
            // the formatted message once, not the pattern and its arguments apart
            json.setWithMessage(false);
            json.setWithArguments(false);
            json.setWithFormattedMessage(true);
            json.start();
            return json;
        }
        PatternLayoutEncoder text = new PatternLayoutEncoder();
        text.setContext(context);
        text.setPattern(PATTERN);
        text.start();
        return text;
    }

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (System.getProperty("logback.configurationFile") != null) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        String format = System.getenv(LogFormat.VARIABLE);
        ch.qos.logback.classic.Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.INFO);
        root.addAppender(stdout(context, "STDOUT", format));
        LIBRARY_LEVELS.forEach((name, level) -> context.getLogger(name).setLevel(level));
        // the request lines, one per request, are written by a thread of their own (RequestLineOutput): requests
        // never wait for stdout, and lines beyond REQUEST_QUEUE waiting are dropped rather than the requests slowed
        RequestLineOutput requests = new RequestLineOutput(REQUEST_QUEUE);
        requests.setContext(context);
        requests.setName("REQUESTS");
        requests.setEncoder(encoder(context, format));
        requests.start();
        ch.qos.logback.classic.Logger requestLines = context.getLogger(REQUESTS_LOGGER);
        requestLines.setAdditive(false);
        requestLines.addAppender(requests);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    private static ConsoleAppender<ILoggingEvent> stdout(Context context, String name, String format) {
        ConsoleAppender<ILoggingEvent> stdout = new ConsoleAppender<>();
        stdout.setContext(context);
        stdout.setName(name);
        stdout.setEncoder(encoder(context, format));
        stdout.start();
        return stdout;
    }

    /** Write what waits (request lines) and stop logging: the last thing a stopping node does. */
    static void flush() {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            context.stop();
        }
    }
}
