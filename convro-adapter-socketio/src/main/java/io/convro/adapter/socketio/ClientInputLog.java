package io.convro.adapter.socketio;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What malformed client input (a frame, a request, a URI) did, logged so that a flood of it cannot flood the log and
 * nothing the client sent reaches it: one line per kind at most once a minute, with how many there were; each one
 * at DEBUG. A kind names the failure (an exception's class and where it was thrown), never its message, which can
 * quote the input (Jackson quotes the token it could not read, a URI decoder the whole URI with its {@code ?token=}).
 */
public final class ClientInputLog {
    private static final Logger LOG = LoggerFactory.getLogger(ClientInputLog.class);
    private static final long PERIOD_NANOS = TimeUnit.MINUTES.toNanos(1);
    private static final ConcurrentMap<String, Window> WINDOWS = new ConcurrentHashMap<>();

    private ClientInputLog() {
    }

    /** Malformed input of {@code kind} was refused with {@code outcome} (e.g. "socket closed"). */
    public static void report(String kind, String outcome) {
        LOG.debug("malformed client input: {}; {}", kind, outcome);
        Window window = WINDOWS.computeIfAbsent(kind, key -> new Window());
        window.count.incrementAndGet();
        long now = System.nanoTime();
        if (window.logged && now - window.since < PERIOD_NANOS) {
            return;
        }
        synchronized (window) {
            if (window.logged && now - window.since < PERIOD_NANOS) {
                return;
            }
            long seen = window.count.getAndSet(0);
            boolean first = !window.logged;
            window.since = now;
            window.logged = true;
            if (first) {
                LOG.warn("malformed client input: {}; {} (more of this kind: one line a minute, each at DEBUG)", kind, outcome);
            } else {
                LOG.warn("malformed client input: {} x{} in the last minute; {}", kind, seen, outcome);
            }
        }
    }

    /** The kind of a failure: its class and the frame that threw it, nothing of its message. */
    public static String kindOf(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        StackTraceElement[] trace = root.getStackTrace();
        String where = trace.length == 0 ? "?" : trace[0].getClassName() + "." + trace[0].getMethodName();
        return root.getClass().getSimpleName() + " at " + where;
    }

    private static final class Window {
        final AtomicLong count = new AtomicLong();
        volatile long since;
        volatile boolean logged;
    }
}
