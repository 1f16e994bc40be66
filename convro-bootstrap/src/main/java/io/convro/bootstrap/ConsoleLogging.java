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
import java.util.Map;
import org.slf4j.Logger;

/**
 * The server's logging, set up in code: one line per event on stdout (text, or one JSON object a line with
 * {@code CONVRO_LOG_FORMAT=json}), INFO for Convro and Flyway, WARN for the
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
        Encoder<ILoggingEvent> encoder = encoder(context, System.getenv(LogFormat.VARIABLE));
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
