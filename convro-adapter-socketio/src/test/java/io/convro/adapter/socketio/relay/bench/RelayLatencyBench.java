package io.convro.adapter.socketio.relay.bench;

import com.corundumstudio.socketio.Configuration;
import com.corundumstudio.socketio.SocketIOChannelInitializer;
import com.corundumstudio.socketio.SocketIOServer;
import com.sun.net.httpserver.HttpServer;
import io.convro.adapter.socketio.relay.RelayingChannelInitializer;
import io.socket.client.Ack;
import io.socket.client.IO;
import io.socket.client.Socket;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Manual benchmark, not a test: what the relay hop costs. Sequential keep-alive requests over one
 * connection, straight to the backend vs through netty-socketio's port; then Socket.IO emit→ack round
 * trips over websocket with and without the relaying initializer (realtime should pay nothing).
 *
 * <p>Run: see docs/single-port.md. Arguments: [requests=5000] [warmup=2000].
 */
public final class RelayLatencyBench {

    private static final byte[] SMALL = "{\"status\":\"ok\"}".getBytes(StandardCharsets.UTF_8);

    public static void main(String[] args) throws Exception {
        // Otherwise the JDK server's separate header/body writes meet Nagle + delayed ACK: ~40 ms each.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        int requests = args.length > 0 ? Integer.parseInt(args[0]) : 5000;
        int warmup = args.length > 1 ? Integer.parseInt(args[1]) : 2000;

        HttpServer backend = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        backend.setExecutor(Executors.newFixedThreadPool(2));
        backend.createContext("/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            byte[] answer = body.length > 0 ? body : SMALL;
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        backend.start();
        InetSocketAddress direct = new InetSocketAddress(InetAddress.getLoopbackAddress(), backend.getAddress().getPort());

        SocketIOServer relayed = server(new RelayingChannelInitializer(direct));
        SocketIOServer plain = server(new SocketIOChannelInitializer());
        InetSocketAddress relay = new InetSocketAddress(InetAddress.getLoopbackAddress(), relayed.getConfiguration().getPort());

        String body2k = "x".repeat(2048);
        System.out.printf("JDK %s, %d cores, %d sequential keep-alive requests after %d warm-up%n",
                System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(), requests, warmup);
        for (int round = 1; round <= 2; round++) {
            report("GET  small   direct ", http(direct, "GET", null, warmup, requests));
            report("GET  small   relayed", http(relay, "GET", null, warmup, requests));
            report("POST 2 KiB   direct ", http(direct, "POST", body2k, warmup, requests));
            report("POST 2 KiB   relayed", http(relay, "POST", body2k, warmup, requests));
        }
        int emits = Math.max(1000, requests / 5);
        report("emit→ack ws  plain  ", socketIo(plain, warmup / 2, emits));
        report("emit→ack ws  relay  ", socketIo(relayed, warmup / 2, emits));

        relayed.stop();
        plain.stop();
        backend.stop(0);
        System.exit(0);
    }

    private static SocketIOServer server(SocketIOChannelInitializer initializer) throws IOException {
        Configuration config = new Configuration();
        config.setHostname("127.0.0.1");
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            config.setPort(probe.getLocalPort());
        }
        SocketIOServer server = new SocketIOServer(config);
        server.setPipelineFactory(initializer);
        server.addEventListener("echo", String.class, (client, data, ack) -> ack.sendAckData(data));
        server.start();
        return server;
    }

    private static long[] http(InetSocketAddress target, String method, String body, int warmup, int n)
            throws IOException {
        try (java.net.Socket socket = new java.net.Socket(target.getAddress(), target.getPort())) {
            socket.setTcpNoDelay(true);
            InputStream in = new BufferedInputStream(socket.getInputStream());
            OutputStream out = socket.getOutputStream();
            String head = method + " /v1/bench HTTP/1.1\r\nHost: bench\r\n"
                    + (body == null ? "" : "Content-Type: application/json\r\nContent-Length: " + body.length() + "\r\n")
                    + "\r\n" + (body == null ? "" : body);
            byte[] request = head.getBytes(StandardCharsets.ISO_8859_1);
            long[] samples = new long[n];
            for (int i = -warmup; i < n; i++) {
                long start = System.nanoTime();
                out.write(request);
                out.flush();
                readResponse(in);
                if (i >= 0) {
                    samples[i] = System.nanoTime() - start;
                }
            }
            return samples;
        }
    }

    private static void readResponse(InputStream in) throws IOException {
        int length = -1;
        for (String line = line(in); !line.isEmpty(); line = line(in)) {
            if (line.regionMatches(true, 0, "content-length:", 0, 15)) {
                length = Integer.parseInt(line.substring(15).trim());
            }
        }
        if (length < 0 || in.readNBytes(length).length != length) {
            throw new IOException("unexpected response framing");
        }
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                throw new IOException("closed");
            }
            if (c != '\r') {
                b.write(c);
            }
        }
        return b.toString(StandardCharsets.ISO_8859_1);
    }

    private static long[] socketIo(SocketIOServer server, int warmup, int n) throws Exception {
        IO.Options options = IO.Options.builder().setTransports(new String[] {"websocket"}).setForceNew(true)
                .setReconnection(false).build();
        Socket socket = IO.socket(URI.create("http://127.0.0.1:" + server.getConfiguration().getPort()), options);
        CompletableFuture<Void> connected = new CompletableFuture<>();
        socket.on(Socket.EVENT_CONNECT, a -> connected.complete(null));
        socket.connect();
        connected.get(10, TimeUnit.SECONDS);
        long[] samples = new long[n];
        try {
            for (int i = -warmup; i < n; i++) {
                CompletableFuture<Object> ack = new CompletableFuture<>();
                long start = System.nanoTime();
                socket.emit("echo", new Object[] {"ping"}, (Ack) reply -> ack.complete(reply[0]));
                ack.get(10, TimeUnit.SECONDS);
                if (i >= 0) {
                    samples[i] = System.nanoTime() - start;
                }
            }
        } finally {
            socket.close();
        }
        return samples;
    }

    private static void report(String label, long[] samples) {
        long[] sorted = samples.clone();
        Arrays.sort(sorted);
        double mean = Arrays.stream(sorted).average().orElse(0) / 1000.0;
        System.out.printf("%s  p50 %7.1f µs  p90 %7.1f µs  p99 %7.1f µs  mean %7.1f µs%n", label,
                percentile(sorted, 50), percentile(sorted, 90), percentile(sorted, 99), mean);
    }

    private static double percentile(long[] sorted, int p) {
        int index = Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1);
        return sorted[Math.max(0, index)] / 1000.0;
    }
}
