package io.convro.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.read.ListAppender;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The request lines reach stdout at once when nothing else waits, and together when they queued up meanwhile. */
class RequestLineOutputTest {
    private static final int CAPACITY = 200;
    private final LoggerContext context = new LoggerContext();
    private final Stdout stdout = new Stdout();
    private final RequestLineOutput output = new RequestLineOutput(CAPACITY, Duration.ofMillis(500), stdout);
    private final Logger lines = context.getLogger(ConsoleLogging.REQUESTS_LOGGER);
    /** The server's own log (the root logger's lines), apart from the request lines. */
    private final ListAppender<ILoggingEvent> serverLog = new ListAppender<>();

    RequestLineOutputTest() {
        context.setMDCAdapter(new LogbackMDCAdapter()); // a context of its own, as the server's is
        context.start();
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern("%msg%n");
        encoder.start();
        output.setContext(context);
        output.setEncoder(encoder);
        output.start();
        lines.setLevel(Level.INFO);
        lines.setAdditive(false);
        lines.addAppender(output);
        serverLog.setContext(context);
        serverLog.start();
        context.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(serverLog);
    }

    @AfterEach
    void stop() {
        stdout.release.countDown();
        context.stop();
    }

    @Test
    void aLineAloneIsWrittenAtOnceThoughItFillsLittleOfTheBuffer() {
        stdout.release.countDown();
        lines.info("GET /health 200");

        await().atMost(Duration.ofSeconds(5)).until(() -> stdout.text().equals("GET /health 200\n"));
    }

    @Test
    void linesThatQueuedUpWhileStdoutWasBusyAreWrittenTogetherInOrder() throws InterruptedException {
        lines.info("line 0");
        assertThat(stdout.firstWriteStarted.await(5, TimeUnit.SECONDS)).as("the first line reached stdout").isTrue();
        for (int i = 1; i <= 100; i++) {
            lines.info("line {}", i); // stdout is blocked in the first write: these queue up
        }
        stdout.release.countDown();

        StringBuilder expected = new StringBuilder();
        for (int i = 0; i <= 100; i++) {
            expected.append("line ").append(i).append('\n');
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> stdout.text().contentEquals(expected));
        // the first line, then the 100 that queued behind it (about 900 bytes) in one write, never one per line
        assertThat(stdout.writes.get()).as("writes to stdout for 101 lines").isEqualTo(2);
    }

    @Test
    void linesLoggedOneByOneJustAfterAWriteAreWrittenTogether() throws InterruptedException {
        stdout.release.countDown();
        lines.info("line 0");
        assertThat(stdout.firstWriteStarted.await(5, TimeUnit.SECONDS)).as("the first line reached stdout").isTrue();
        for (int i = 1; i <= 20; i++) {
            lines.info("line {}", i); // the writer lingers (half a second here) before it takes them
        }

        await().atMost(Duration.ofSeconds(5)).until(() -> stdout.text().endsWith("line 20\n"));
        assertThat(stdout.writes.get()).as("writes to stdout for 21 lines logged one by one").isEqualTo(2);
    }

    @Test
    void linesBeyondTheBoundAreDroppedAndTheNextWriteSaysHowMany() throws InterruptedException {
        lines.info("line 0");
        assertThat(stdout.firstWriteStarted.await(5, TimeUnit.SECONDS)).as("the first line reached stdout").isTrue();
        for (int i = 1; i <= CAPACITY + 5; i++) {
            lines.info("line {}", i);
        }
        stdout.release.countDown();

        await().atMost(Duration.ofSeconds(5)).until(() -> stdout.text().contains("line " + CAPACITY + "\n"));
        assertThat(stdout.text()).startsWith("line 0\nline 1\n").doesNotContain("line " + (CAPACITY + 1) + "\n");
        assertThat(serverLog.list).extracting(ILoggingEvent::getLevel, ILoggingEvent::getFormattedMessage)
                .containsExactly(tuple(Level.WARN,
                        "5 request lines dropped: stdout was slower than the requests"));
    }

    @Test
    void stoppingLeavesStdoutOpenForTheServersOtherLines() {
        stdout.release.countDown();
        lines.info("last words");
        context.stop();

        assertThat(stdout.text()).isEqualTo("last words\n");
        assertThat(stdout.closed).as("stdout closed").isFalse();
    }

    /** A stdout that counts its writes and blocks the first one until released. */
    private static final class Stdout extends OutputStream {
        final CountDownLatch firstWriteStarted = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        final AtomicInteger writes = new AtomicInteger();
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        volatile boolean closed;

        @Override
        public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            if (writes.getAndIncrement() == 0) {
                firstWriteStarted.countDown();
                try {
                    release.await(5, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            synchronized (bytes) {
                bytes.write(b, off, len);
            }
        }

        String text() {
            synchronized (bytes) {
                return bytes.toString(StandardCharsets.UTF_8);
            }
        }

        @Override
        public void close() {
            closed = true;
        }
    }
}
