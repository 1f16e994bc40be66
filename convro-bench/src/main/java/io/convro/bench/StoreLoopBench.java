package io.convro.bench;

import io.convro.adapter.persistence.Database;
import io.convro.adapter.persistence.DatabaseSettings;
import io.convro.adapter.persistence.JdbiRepositories;
import io.convro.application.messages.Messages;
import io.convro.application.messages.StoreMessageOutcome;
import io.convro.domain.device.Device;
import io.convro.domain.device.DeviceId;
import io.convro.domain.device.Platform;
import io.convro.domain.message.AuthTag;
import io.convro.domain.message.Ciphertext;
import io.convro.domain.message.ClientMessageId;
import io.convro.domain.message.DmMessage;
import io.convro.domain.session.DmSession;
import io.convro.domain.session.SessionId;
import io.convro.domain.session.SessionState;
import io.convro.domain.user.ConvroNumber;
import io.convro.domain.user.User;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The send path's store alone: the server's own message writer and multi-row insert (the persistence adapter, as
 * the server wires it) against a scratch MariaDB database, without HTTP, sockets or wrk. {@code --in-flight}
 * messages are kept waiting at all times, like wrk's connections; each is stored into one of {@code --pairs}
 * ACTIVE sessions. Reports rows a second, the time from handing a message to the writer until it is stored, and
 * mariadbd's CPU per stored row: what a change to the statement or the schema costs the database, measured apart
 * from everything the full benchmark shares the machine with.
 *
 * <pre>java -cp convro-bench/target/convro-bench.jar io.convro.bench.StoreLoopBench [--seconds=20] [--warmup=5]
 *     [--in-flight=64] [--pairs=50] [--db-host=127.0.0.1:3306] [--db-user=root] [--db-password=]</pre>
 */
public final class StoreLoopBench {
    private static final Instant T0 = Instant.parse("2026-12-05T00:00:00Z");

    private StoreLoopBench() {
    }

    public static void main(String[] args) throws InterruptedException {
        Map<String, String> given = BenchOptions.given(args);
        int seconds = Integer.parseInt(given.getOrDefault("seconds", "20"));
        int warmup = Integer.parseInt(given.getOrDefault("warmup", "5"));
        int inFlight = Integer.parseInt(given.getOrDefault("in-flight", "64"));
        int pairs = Integer.parseInt(given.getOrDefault("pairs", "50"));
        String host = given.getOrDefault("db-host", "127.0.0.1:3306");
        String user = given.getOrDefault("db-user", "root");
        String password = given.getOrDefault("db-password", "");
        try (ScratchDatabase scratch = new ScratchDatabase(host, user, password);
             Database database = Database.connect(new DatabaseSettings(scratch.jdbcUrl(), user, password, 4,
                     DatabaseSettings.DEFAULT_MAX_LIFETIME))) {
            database.migrate();
            List<DmMessage> templates = seed(database.repositories(), pairs);
            Messages messages = database.repositories().messages();
            Loop loop = new Loop(messages, templates);
            loop.start(inFlight);
            Thread.sleep(TimeUnit.SECONDS.toMillis(warmup));
            Latencies latencies = loop.measure(seconds * 100_000);
            long rowsBefore = loop.stored.get();
            long databaseCpu = ProcessStats.cpuMicrosOf("mariadbd");
            long ownCpu = ProcessStats.ownCpuMicros(ProcessHandle.current());
            long started = System.nanoTime();
            Thread.sleep(TimeUnit.SECONDS.toMillis(seconds));
            double wallSeconds = (System.nanoTime() - started) / 1e9;
            long rows = loop.stored.get() - rowsBefore;
            databaseCpu = ProcessStats.cpuMicrosOf("mariadbd") - databaseCpu;
            ownCpu = ProcessStats.ownCpuMicros(ProcessHandle.current()) - ownCpu;
            loop.stop();
            long[] p = latencies.percentiles(50, 99, 99.9, 100);
            System.out.printf("store loop: %d in flight, %d sessions, %d s after %d s of warm-up%n", inFlight, pairs, seconds, warmup);
            System.out.printf("| rows/s | store p50 | store p99 | store p99.9 | store max | mariadbd µs/row | mariadbd cores | bench cores | failed |%n");
            System.out.printf("|---|---|---|---|---|---|---|---|---|%n");
            System.out.printf("| %.0f | %.2f ms | %.2f ms | %.2f ms | %.2f ms | %.1f | %.2f | %.2f | %d |%n", rows / wallSeconds,
                    p[0] / 1e3, p[1] / 1e3, p[2] / 1e3, p[3] / 1e3, databaseCpu / (double) Math.max(1, rows),
                    databaseCpu / 1e6 / wallSeconds, ownCpu / 1e6 / wallSeconds, loop.failed.get());
        }
    }

    /** One ACTIVE session per pair, stored through the repositories; a message template per session. */
    private static List<DmMessage> seed(JdbiRepositories repositories, int pairs) {
        List<DmMessage> templates = new ArrayList<>();
        byte[] ciphertext = Pairs.random(256);
        byte[] tag = Pairs.random(16);
        for (int i = 1; i <= pairs; i++) {
            User anna = repositories.users().insert(new User(null, ConvroNumber.ofIndex(2 * i), null, null, "$argon2id$bench", T0));
            User bob = repositories.users().insert(new User(null, ConvroNumber.ofIndex(2 * i + 1), null, null, "$argon2id$bench", T0));
            DeviceId annaDevice = DeviceId.parse(String.format("%016x", 0xa000_0000L + i));
            DeviceId bobDevice = DeviceId.parse(String.format("%016x", 0xb000_0000L + i));
            repositories.devices().insert(Device.register(annaDevice, anna.id(), Platform.IOS, null, T0));
            repositories.devices().insert(Device.register(bobDevice, bob.id(), Platform.ANDROID, null, T0));
            DmSession session = repositories.sessions().insert(new DmSession(null, SessionId.parse(String.format("%08x", i)),
                    anna.id(), annaDevice, bob.id(), bobDevice, "{}", SessionState.ACTIVE, T0, T0));
            templates.add(DmMessage.compose(session.id(), session.sessionId(), anna.id(), annaDevice, bobDevice,
                    Ciphertext.of(ciphertext), AuthTag.of(tag), null, null, T0));
        }
        return templates;
    }

    /** A closed loop: every stored message hands its slot to the next one, round-robin over the sessions. */
    private static final class Loop {
        private final Messages messages;
        private final List<DmMessage> templates;
        private final AtomicLong sequence = new AtomicLong();
        private final AtomicLong stored = new AtomicLong();
        private final AtomicLong failed = new AtomicLong();
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final AtomicLong outstanding = new AtomicLong();
        private final CountDownLatch drained = new CountDownLatch(1);
        private volatile Latencies latencies;

        Loop(Messages messages, List<DmMessage> templates) {
            this.messages = messages;
            this.templates = templates;
        }

        void start(int inFlight) {
            for (int i = 0; i < inFlight; i++) {
                outstanding.incrementAndGet();
                next();
            }
        }

        /** From now on, record each store's time in a new store sized for {@code expected} rows. */
        Latencies measure(int expected) {
            Latencies fresh = new Latencies(expected);
            System.gc(); // this JVM's own, before the measured seconds
            latencies = fresh;
            return fresh;
        }

        void stop() throws InterruptedException {
            running.set(false);
            drained.await(30, TimeUnit.SECONDS);
        }

        private void next() {
            if (!running.get()) {
                if (outstanding.decrementAndGet() == 0) {
                    drained.countDown();
                }
                return;
            }
            long n = sequence.incrementAndGet();
            DmMessage template = templates.get((int) (n % templates.size()));
            DmMessage message = DmMessage.compose(template.sessionDbId(), template.sessionId(), template.senderUserId(),
                    template.senderDeviceId(), template.recipientDeviceId(), template.ciphertext(), template.authTag(),
                    ClientMessageId.parse("store-" + n), null, Instant.now());
            long submitted = System.nanoTime();
            messages.storeIfSessionActive(message).whenComplete((result, error) -> {
                Latencies current = latencies;
                if (error != null || !(result instanceof StoreMessageOutcome.Stored)) {
                    failed.incrementAndGet();
                } else {
                    stored.incrementAndGet();
                    if (current != null) {
                        current.add((System.nanoTime() - submitted) / 1_000);
                    }
                }
                next();
            });
        }
    }
}
