package io.convro.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A redis-server of the soak's own (own port, nothing saved), stopped with SIGSTOP (nothing answers, connections
 * stay open) or SIGKILL and a restart on the same port (empty: Redis here holds rate-limit buckets, rooms and
 * pub/sub, nothing that must survive); the machine's shared Redis on 6379 is never touched.
 */
final class StoppableRedis implements AutoCloseable {
    private final int port;
    private volatile Process process;

    private StoppableRedis(int port) {
        this.port = port;
    }

    static StoppableRedis start() throws InterruptedException {
        StoppableRedis redis = new StoppableRedis(ServerUnderTest.freePort());
        redis.launch();
        return redis;
    }

    private void launch() throws InterruptedException {
        try {
            process = new ProcessBuilder(List.of("redis-server", "--port", Integer.toString(port), "--bind", "127.0.0.1",
                    "--save", "", "--appendonly", "no", "--daemonize", "no"))
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start redis-server (apt-get install redis-server)", e);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!answersPing()) {
            if (System.nanoTime() > deadline || !process.isAlive()) {
                throw new IllegalStateException("the private redis-server on port " + port + " did not start");
            }
            Thread.sleep(50);
        }
    }

    String url() {
        return "redis://127.0.0.1:" + port;
    }

    void pause() {
        signal("-STOP");
    }

    void resume() {
        signal("-CONT");
    }

    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    void restart() throws InterruptedException {
        launch();
    }

    ProcessHandle handle() {
        return process.toHandle();
    }

    private boolean answersPing() {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(1000);
            OutputStream out = socket.getOutputStream();
            out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] answer = new byte[7];
            int read = in.readNBytes(answer, 0, answer.length);
            return new String(answer, 0, read, StandardCharsets.US_ASCII).startsWith("+PONG");
        } catch (IOException notYet) {
            return false;
        }
    }

    private void signal(String signal) {
        try {
            new ProcessBuilder("kill", signal, Long.toString(process.pid())).inheritIO().start().waitFor(10, TimeUnit.SECONDS);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        resume();
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
