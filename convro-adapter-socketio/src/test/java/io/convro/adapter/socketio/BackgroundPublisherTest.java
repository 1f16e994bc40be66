package io.convro.adapter.socketio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Publishes to Redis never queue without a bound, and a Redis that fails is not asked again at once. */
class BackgroundPublisherTest {
    private static final Duration PATIENCE = Duration.ofSeconds(15);

    @Test
    void publishesBeyondTheQueueAreDroppedAndCountedNotQueued() throws Exception {
        CountDownLatch redisAnswers = new CountDownLatch(1);
        CountDownLatch first = new CountDownLatch(1);
        AtomicInteger published = new AtomicInteger();
        try (BackgroundPublisher publisher = new BackgroundPublisher(2)) {
            publisher.submit("slow", () -> {
                first.countDown();
                waitFor(redisAnswers);
                published.incrementAndGet();
            });
            first.await();
            publisher.submit("queued", published::incrementAndGet);
            publisher.submit("queued", published::incrementAndGet);

            publisher.submit("beyond", published::incrementAndGet);

            assertThat(publisher.lost()).isEqualTo(1);
            redisAnswers.countDown();
            await().atMost(PATIENCE).until(() -> published.get() == 3);
        }
    }

    @Test
    void afterAFailedPublishTheNextOnesAreDroppedWithoutAskingRedisForAWhile() {
        AtomicInteger asked = new AtomicInteger();
        try (BackgroundPublisher publisher = new BackgroundPublisher(16)) {
            publisher.submit("fails", () -> {
                asked.incrementAndGet();
                throw new IllegalStateException("Redis timed out");
            });
            await().atMost(PATIENCE).until(() -> publisher.lost() == 1);

            publisher.submit("during the pause", asked::incrementAndGet);

            assertThat(publisher.lost()).isEqualTo(2);
            await().pollDelay(BackgroundPublisher.PAUSE_AFTER_FAILURE.plusMillis(100)).atMost(PATIENCE).until(() -> true);
            publisher.submit("after the pause", asked::incrementAndGet);
            await().atMost(PATIENCE).until(() -> asked.get() == 2);
        }
    }

    private static void waitFor(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
