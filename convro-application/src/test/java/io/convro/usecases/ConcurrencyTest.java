package io.convro.usecases;

import static org.assertj.core.api.Assertions.assertThat;

import io.convro.application.auth.AuthSession;
import io.convro.application.auth.RefreshedTokens;
import io.convro.application.messages.HistoryCursor;
import io.convro.application.messages.HistoryQuery;
import io.convro.application.messages.SentMessage;
import io.convro.application.prekeys.PrekeyBundle;
import io.convro.application.realtime.RealtimeEvent;
import io.convro.application.sessions.OpenedSession;
import io.convro.application.shared.Caller;
import io.convro.domain.DomainException;
import io.convro.domain.ErrorCode;
import io.convro.domain.prekey.KeyId;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The races a messaging backend must win, driven through the use cases from many threads at once. */
class ConcurrencyTest {
    private final TestConvro convro = new TestConvro();

    /** Run {@code threads} copies of {@code task}, released together; returns each result or the exception thrown. */
    private static <T> List<Object> race(int threads, Callable<T> task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Object>> futures = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    try {
                        return task.call();
                    } catch (DomainException e) {
                        return e;
                    }
                }));
            }
            start.countDown();
            List<Object> results = new ArrayList<>();
            for (Future<Object> future : futures) {
                results.add(future.get(60, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void fiftyBundleFetchesShareTwentyOneTimePrekeysWithoutHandingOneOutTwice() throws Exception {
        Caller alice = convro.caller(convro.register("alice"));
        Caller bob = convro.caller(convro.register("bob"));
        convro.uploadPrekeys(bob, 20);

        List<Object> bundles = race(50, () -> convro.bundle(alice, bob.userId()));

        List<KeyId> handedOut = bundles.stream().map(PrekeyBundle.class::cast)
                .map(PrekeyBundle::oneTimePrekey).filter(Objects::nonNull).map(prekey -> prekey.keyId()).toList();
        assertThat(handedOut).hasSize(20).doesNotHaveDuplicates();
        assertThat(bundles.stream().map(PrekeyBundle.class::cast).filter(bundle -> bundle.oneTimePrekey() == null)).hasSize(30);
        assertThat(convro.app.prekeyStatus().status(bob).oneTimePrekeysAvailable()).isZero();
        assertThat(convro.realtime.eventsFor(bob.deviceId(), RealtimeEvent.PrekeysLow.class)).isNotEmpty();
    }

    @Test
    void tenConcurrentRefreshesOfOneTokenRotateItOnceAndAllGetTheSamePair() throws Exception {
        AuthSession alice = convro.register("alice");

        List<Object> results = race(10, () -> convro.app.refreshToken().refresh(alice.refreshToken()));

        assertThat(results).allSatisfy(result -> assertThat(result).isInstanceOf(RefreshedTokens.class));
        assertThat(results.stream().map(RefreshedTokens.class::cast).map(RefreshedTokens::refreshToken).distinct()).hasSize(1);
        assertThat(results.stream().map(RefreshedTokens.class::cast).map(RefreshedTokens::accessToken).distinct()).hasSize(1);
        RefreshedTokens pair = (RefreshedTokens) results.get(0);
        assertThat(convro.app.refreshToken().refresh(pair.refreshToken()).refreshToken())
                .as("no false reuse alarm: the new token still rotates").isNotEqualTo(pair.refreshToken());
    }

    @Test
    void twentyConcurrentSendsWithOneClientMessageIdStoreOneMessage() throws Exception {
        Caller alice = convro.caller(convro.register("alice"));
        Caller bob = convro.caller(convro.register("bob"));
        OpenedSession session = convro.activeSession(alice, bob);
        byte[] ciphertext = "once only".getBytes(StandardCharsets.UTF_8);

        List<Object> results = race(20, () -> convro.send(alice, bob, session.sessionId(), "retry-me", ciphertext));

        List<SentMessage> sent = results.stream().map(SentMessage.class::cast).toList();
        assertThat(sent.stream().map(SentMessage::messageId).distinct()).hasSize(1);
        assertThat(sent).filteredOn(SentMessage::created).hasSize(1);
        assertThat(convro.app.history().history(new HistoryQuery(bob, session.sessionId(), new HistoryCursor.Latest(), 50))
                .messages()).hasSize(1);
        assertThat(convro.realtime.eventsFor(bob.deviceId(), RealtimeEvent.MessageReceived.class)).hasSize(1);
    }
}
