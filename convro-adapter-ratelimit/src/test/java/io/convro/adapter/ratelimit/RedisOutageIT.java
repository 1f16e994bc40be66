package io.convro.adapter.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.convro.application.shared.RateLimit;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Redis stopped (SIGSTOP: connections open, nothing answers) or killed under the limiter: every check is answered
 * within a bound, by this node's own buckets, which still limit; never an exception, never a wait for the outage.
 * On a redis-server of the test's own, never the shared one.
 */
class RedisOutageIT {
    /** Far above the limiter's 500 ms: what matters is that a check ends at all while Redis is gone. */
    private static final Duration NOT_A_HANG = Duration.ofSeconds(10);
    private Process redis;
    private int port;
    private RedisRateLimiter limiter;

    @BeforeEach
    void start() throws Exception {
        Path binary = Path.of("/usr/bin/redis-server");
        if (!Files.isExecutable(binary)) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail("redis-server is required in CI for the Redis outage test");
            }
            assumeTrue(false, "redis-server is not installed: Redis outage test skipped");
        }
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        redis = new ProcessBuilder(binary.toString(), "--port", Integer.toString(port), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no").redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!answersPing()) {
            assertThat(System.nanoTime()).as("private redis-server did not start").isLessThan(deadline);
            Thread.sleep(50);
        }
        limiter = RedisRateLimiter.connect(URI.create("redis://127.0.0.1:" + port));
    }

    @AfterEach
    void stop() throws Exception {
        if (redis != null) {
            signal("-CONT");
            redis.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        if (limiter != null) {
            limiter.close();
        }
    }

    @Test
    void aStoppedRedisIsAnsweredByThisNodesBucketsWhichStillLimit() throws Exception {
        RateLimit three = RateLimit.perMinute(3);
        String bucket = "outage:" + UUID.randomUUID();
        assertThat(limiter.tryAcquire(bucket, three)).isEmpty();

        signal("-STOP");

        assertTimeoutPreemptively(NOT_A_HANG, () -> {
            for (int i = 0; i < 3; i++) {
                assertThat(limiter.tryAcquire(bucket, three)).isEmpty();
            }
            Optional<Duration> fourth = limiter.tryAcquire(bucket, three);
            assertThat(fourth).as("the fallback buckets still limit").isPresent();
        });
        assertThat(limiter.fallbacks()).as("one wait for Redis, then the pause").isEqualTo(1);
    }

    @Test
    void aKilledRedisIsAnsweredByThisNodesBucketsWithoutAnException() {
        RateLimit many = RateLimit.perMinute(100);
        redis.destroyForcibly();

        assertTimeoutPreemptively(NOT_A_HANG, () -> {
            for (int i = 0; i < 20; i++) {
                assertThat(limiter.tryAcquire("killed:" + i, many)).isEmpty();
            }
        });
    }

    private void signal(String signal) throws IOException, InterruptedException {
        new ProcessBuilder("kill", signal, Long.toString(redis.pid())).inheritIO().start().waitFor(10, TimeUnit.SECONDS);
    }

    private boolean answersPing() {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(1000);
            OutputStream out = socket.getOutputStream();
            out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] answer = in.readNBytes(7);
            return new String(answer, StandardCharsets.US_ASCII).startsWith("+PONG");
        } catch (IOException notYet) {
            return false;
        }
    }
}
