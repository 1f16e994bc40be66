package io.convro.bootstrap;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.UnsynchronizedAppenderBase;
import ch.qos.logback.core.encoder.Encoder;
import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The request lines, one per request, written to stdout by a thread of their own: a request's thread (the send path's
 * one completer thread among them) only hands its line over and never waits for stdout. The writer takes every line
 * that queued up meanwhile and writes them in one system call, then lets the next ones gather for {@link #LINGER}: a
 * line is on stdout at most that much later, and a busy server writes a few hundred lines per call instead of one (or
 * two, through {@code System.out}'s 128-byte buffer) per line, and wakes the writer 50 times a second, not once a line.
 * Writing and waking for each line apart was a fifteenth of the send path's CPU at 8,000 sends/s.
 *
 * <p>Bounded: beyond {@code capacity} lines waiting (stdout slower than the requests) a line is dropped rather than a
 * request slowed, and the server's log says how many (a WARN line when the writer next writes). One write holds at
 * most {@link #BUFFER_BYTES}: a write to a pipe of at most that much is never interleaved with another writer's, so
 * the server's other log lines do not land inside a request line. {@link #stop()} writes what waits and leaves stdout
 * open.
 */
final class RequestLineOutput extends UnsynchronizedAppenderBase<ILoggingEvent> {
    /** {@code PIPE_BUF} on Linux: the largest write to a pipe that stays in one piece. */
    static final int BUFFER_BYTES = 4_096;

    /** How long the writer lets lines gather after a write: at most 50 writes a second, whatever the load. */
    static final Duration LINGER = Duration.ofMillis(20);

    private final BlockingQueue<ILoggingEvent> waiting;
    private final Duration linger;
    private final OutputStream stdout;
    private final AtomicLong dropped = new AtomicLong();
    private Encoder<ILoggingEvent> encoder;
    private Thread writer;

    RequestLineOutput(int capacity) {
        this(capacity, LINGER, new FileOutputStream(FileDescriptor.out));
    }

    RequestLineOutput(int capacity, Duration linger, OutputStream target) {
        this.waiting = new ArrayBlockingQueue<>(capacity);
        this.linger = linger;
        this.stdout = new BufferedOutputStream(target, BUFFER_BYTES);
    }

    void setEncoder(Encoder<ILoggingEvent> encoder) {
        this.encoder = encoder;
    }

    @Override
    public void start() {
        if (encoder == null) {
            addError("no encoder for the request lines");
            return;
        }
        writer = new Thread(this::writeUntilStopped, "convro-request-lines");
        writer.setDaemon(true);
        super.start();
        writer.start();
    }

    @Override
    protected void append(ILoggingEvent line) {
        line.prepareForDeferredProcessing(); // the thread's name and the message, as they are now
        if (!waiting.offer(line)) {
            dropped.incrementAndGet();
        }
    }

    private void writeUntilStopped() {
        List<ILoggingEvent> lines = new ArrayList<>();
        while (isStarted() || !waiting.isEmpty()) {
            try {
                ILoggingEvent first = waiting.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                lines.add(first);
            } catch (InterruptedException stopping) {
                continue;
            }
            waiting.drainTo(lines);
            write(lines);
            lines.clear();
            try {
                // the next lines gather meanwhile, and no request's thread has to wake this one for each
                Thread.sleep(linger.toMillis());
            } catch (InterruptedException stopping) {
                // stop() interrupts only after it stopped taking lines: write what is left
            }
        }
    }

    private void write(List<ILoggingEvent> lines) {
        try {
            long lost = dropped.getAndSet(0);
            if (lost > 0 && getContext() instanceof LoggerContext context) {
                // a line of the server's own log, in its format (text or JSON)
                context.getLogger(RequestLineOutput.class)
                        .warn("{} request lines dropped: stdout was slower than the requests", lost);
            }
            for (ILoggingEvent line : lines) {
                stdout.write(encoder.encode(line));
            }
            stdout.flush();
        } catch (IOException | RuntimeException failed) {
            addError("could not write the request lines", failed);
        }
    }

    /** Write what waits (at most a second), then stop; stdout stays open for the server's other lines. */
    @Override
    public void stop() {
        if (!isStarted()) {
            return;
        }
        super.stop();
        writer.interrupt(); // no more lingering
        try {
            writer.join(TimeUnit.SECONDS.toMillis(1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
