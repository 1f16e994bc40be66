package io.convro.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * The soak's Socket.IO clients (JDK websockets, {@link SocketClient}), each one device's token on one node. A socket
 * the server drops (a node killed, restarted) reconnects as the official client does by default: after 1 s ± 50 %,
 * the delay doubling up to 5 s. A storm drops every socket at once and reconnects them all at the same moment.
 * Every connect attempt is recorded under the route {@code socket connect}: 200 once the namespace accepted the
 * token, 429/503 when it was refused with that code, 401 for another refusal, no answer otherwise.
 */
final class SocketFleet {
    static final String ROUTE = "socket connect";

    private final HttpClient http = HttpClient.newBuilder().executor(Runnable::run).build();
    private final ScheduledExecutorService retries = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "soak-socket-retries");
        thread.setDaemon(true);
        return thread;
    });
    private final Timeline timeline;
    private final List<Slot> slots = new ArrayList<>();
    private final AtomicInteger connected = new AtomicInteger();
    private final LongAdder events = new LongAdder();
    private volatile boolean stopped;

    SocketFleet(Timeline timeline) {
        this.timeline = timeline;
    }

    /** One client's place: its token, its node, the socket it has now. */
    private final class Slot {
        final String token;
        final URI node;
        final boolean counts;
        volatile SocketClient client;
        /** Bumped when this side drops the socket on purpose, so that its end does not schedule a reconnect. */
        final AtomicInteger generation = new AtomicInteger();

        Slot(String token, URI node, boolean counts) {
            this.token = token;
            this.node = node;
            this.counts = counts;
        }

        /** Connect for generation {@code mine}; nothing if the socket was dropped on purpose since (a newer one runs). */
        void connect(int mine, long delayMillis) {
            if (generation.get() != mine || stopped) {
                return;
            }
            long sent = System.nanoTime();
            SocketClient.connect(http, node, token, counts ? text -> events.increment() : text -> { })
                    .whenComplete((socket, failure) -> {
                        long micros = (System.nanoTime() - sent) / 1_000;
                        if (failure != null) {
                            timeline.record(ROUTE, sent, status(failure), micros, String.valueOf(cause(failure).getMessage()));
                            retry(mine, Math.min(5_000, delayMillis * 2));
                            return;
                        }
                        timeline.record(ROUTE, sent, 200, micros);
                        if (generation.get() != mine || stopped) {
                            socket.close();
                            return;
                        }
                        client = socket;
                        connected.incrementAndGet();
                        socket.closed().thenRun(() -> {
                            connected.decrementAndGet();
                            retry(mine, 1_000);
                        });
                    });
        }

        private void retry(int mine, long delayMillis) {
            if (generation.get() != mine || stopped) {
                return;
            }
            long jittered = (long) (delayMillis * (0.5 + ThreadLocalRandom.current().nextDouble()));
            retries.schedule(() -> connect(mine, delayMillis), jittered, TimeUnit.MILLISECONDS);
        }

        void drop() {
            generation.incrementAndGet();
            SocketClient socket = client;
            client = null;
            if (socket != null) {
                socket.close();
            }
        }
    }

    private static Throwable cause(Throwable failure) {
        return failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    }

    private static int status(Throwable failure) {
        String message = String.valueOf(cause(failure).getMessage());
        if (message.contains("RATE_LIMITED")) {
            return 429;
        } else if (message.contains("SERVICE_UNAVAILABLE")) {
            return 503;
        } else if (message.contains("socket refused")) {
            return 401;
        }
        return Timeline.NO_CONNECTION;
    }

    /** Add a client; {@code counts}: its {@code dm:message} events are counted. Connects at once. */
    void add(String token, URI node, boolean counts) {
        Slot slot = new Slot(token, node, counts);
        synchronized (slots) {
            slots.add(slot);
        }
        slot.connect(slot.generation.get(), 1_000);
    }

    int size() {
        synchronized (slots) {
            return slots.size();
        }
    }

    int connected() {
        return connected.get();
    }

    long events() {
        return events.sum();
    }

    /** Wait until every socket is connected or the time is up; the milliseconds it took, or -1 if not all were. */
    long awaitAllConnected(long timeoutMillis) {
        long started = System.nanoTime();
        while (connected() < size()) {
            if (System.nanoTime() - started > TimeUnit.MILLISECONDS.toNanos(timeoutMillis)) {
                return -1;
            }
            ServerUnderTest.sleep(20);
        }
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
    }

    /** Drop every socket and connect them all again at the same moment. */
    void storm() {
        List<Slot> all;
        synchronized (slots) {
            all = new ArrayList<>(slots);
        }
        all.forEach(Slot::drop);
        all.forEach(slot -> slot.connect(slot.generation.get(), 1_000));
    }

    void close() {
        stopped = true;
        synchronized (slots) {
            slots.forEach(Slot::drop);
        }
        retries.shutdownNow();
    }
}
