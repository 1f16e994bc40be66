package io.convro.bootstrap.realtime;

import io.convro.bootstrap.realtime.SocketProbe.TokenIn;
import io.convro.bootstrap.realtime.SocketProbe.Via;
import io.socket.client.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Not a test: measures, on the assembled server (embedded H2), the send latency ({@code POST
 * /v1/dm/messages/send} until its 201) and the delivery latency (from starting that POST until {@code dm:message}
 * arrives at the recipient's websocket), through the one public port and in the two-port mode. Sequential:
 * one message in flight at a time, so the numbers are latencies, not throughput. See docs/single-port.md.
 *
 * <p>Arguments: {@code [messages [warmup [rounds]]]}, default 2000, 1000, 2.
 */
public final class RealtimeLatencyBench {
    private RealtimeLatencyBench() {
    }

    public static void main(String[] args) throws Exception {
        int messages = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        int warmup = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        for (int round = 1; round <= rounds; round++) {
            System.out.printf("round %d (%d messages after %d warm-up)%n", round, messages, warmup);
            measure("one port", Map.of(), messages, warmup);
            measure("two ports", Map.of("CONVRO_SOCKETIO_PORT", "0"), messages, warmup);
        }
        System.exit(0);
    }

    private static void measure(String mode, Map<String, String> env, int messages, int warmup) throws Exception {
        Path dataDir = Files.createTempDirectory("convro-bench");
        try (RunningServer server = RunningServer.start(dataDir, env)) {
            Conversations conversations = new Conversations(new RestClient(server.base()));
            Conversations.Session session = conversations.activeSession();
            URI socketBase = server.socketIoBase();
            BlockingQueue<Long> arrivals = new ArrayBlockingQueue<>(4);
            try (SocketProbe bob = SocketProbe.connect(socketBase, Via.WEBSOCKET, TokenIn.AUTH, session.responder().accessToken())) {
                bob.socket().on("dm:message", payload -> arrivals.add(System.nanoTime()));
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
                while (!bob.saw(Socket.EVENT_CONNECT)) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("socket did not connect: " + bob.names());
                    }
                    Thread.sleep(10);
                }
                long[] send = new long[messages];
                long[] delivery = new long[messages];
                for (int i = -warmup; i < messages; i++) {
                    long start = System.nanoTime();
                    conversations.send(session.initiator(), session.responder(), session.sessionId(), null).expect(201);
                    long answered = System.nanoTime();
                    Long arrived = arrivals.poll(10, TimeUnit.SECONDS);
                    if (arrived == null) {
                        throw new IllegalStateException("dm:message " + i + " did not arrive");
                    }
                    if (i >= 0) {
                        send[i] = answered - start;
                        delivery[i] = arrived - start;
                    }
                }
                print(mode + ", send (POST → 201)", send);
                print(mode + ", delivery (POST → dm:message)", delivery);
            }
        }
    }

    private static void print(String label, long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        System.out.printf("  %-40s p50 %6d µs  p90 %6d µs  p99 %6d µs  mean %6d µs%n", label, micros(sorted, 0.50),
                micros(sorted, 0.90), micros(sorted, 0.99), Arrays.stream(sorted).sum() / sorted.length / 1000);
    }

    private static long micros(long[] sorted, double quantile) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(quantile * sorted.length) - 1)] / 1000;
    }
}
