package io.convro.adapter.http.inprocess;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.jetty.util.thread.ScheduledExecutorScheduler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class InProcessEndPointTest {
    private final ScheduledExecutorScheduler scheduler = new ScheduledExecutorScheduler();
    private final List<String> written = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        scheduler.stop();
    }

    @Test
    void aSinkThatAsksToWaitHoldsFlushesBackUntilItResumes() throws Exception {
        AtomicReference<InProcessEndPoint> endPoint = new AtomicReference<>();
        endPoint.set(endPoint(bytes -> false));

        assertThat(endPoint.get().flush(bytes("first"))).isTrue();
        assertThat(endPoint.get().flush(bytes("second"))).as("waits").isFalse();
        endPoint.get().resume();
        assertThat(endPoint.get().flush(bytes("third"))).isTrue();
        assertThat(written).containsExactly("first", "third");
    }

    @Test
    void aResumeThatComesBeforeTheFlushReturnsIsNotLost() throws Exception {
        // the relay resumes on its own thread as soon as it has passed the bytes on, which may be before the flush
        // that was asked to wait has returned: here the sink resumes inside its write, the earliest it can
        AtomicReference<InProcessEndPoint> endPoint = new AtomicReference<>();
        endPoint.set(endPoint(bytes -> {
            endPoint.get().resume();
            return false;
        }));

        assertThat(endPoint.get().flush(bytes("first"))).isTrue();
        assertThat(endPoint.get().flush(bytes("second"))).as("resumed already: no wait").isTrue();
        assertThat(written).containsExactly("first", "second");
    }

    private InProcessEndPoint endPoint(java.util.function.Predicate<ByteBuffer> more) {
        InetSocketAddress address = new InetSocketAddress("127.0.0.1", 1);
        return new InProcessEndPoint(scheduler, 30_000, Runnable::run, address, address, new InProcessConnection.ResponseSink() {
            @Override
            public boolean write(ByteBuffer responseBytes) {
                written.add(StandardCharsets.UTF_8.decode(responseBytes.duplicate()).toString());
                return more.test(responseBytes);
            }

            @Override
            public void drained() {
            }

            @Override
            public void closed() {
            }
        }, () -> { });
    }

    private static ByteBuffer bytes(String text) {
        return ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
    }
}
